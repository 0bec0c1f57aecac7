import type { WizardFlowRule } from '../../entities';
import { ConditionType } from '../../entities/enums';
import { checkCondition } from '../../rules';
import { alwaysApplies, isFollowableRule } from './flow-graph';
import { finding, optionRef, ruleRef, stepRef, type LintFinding } from './lint-finding';
import { isLiveOption, label, stepOfOption, type WizardIndex } from './wizard-index';

/** Where a rule leaves from and leads to: steps of this wizard, active, from-option on the step. */
function referenceFindings(index: WizardIndex, rule: WizardFlowRule): LintFinding[] {
  const name = label.rule(rule);
  const refs = [ruleRef(rule.id)];
  const from = index.stepById.get(rule.fromStepId);
  const to = index.stepById.get(rule.toStepId);
  if (!from || !to) {
    const which = !from
      ? `leaves from step #${rule.fromStepId}`
      : `leads to step #${rule.toStepId}`;
    return [
      finding('RULE_STEP_NOT_IN_WIZARD', `The ${name} ${which}, not a step of this wizard.`, refs),
    ];
  }
  const findings: LintFinding[] = [];
  if (!to.isActive)
    findings.push(
      finding('RULE_TARGET_INACTIVE', `The ${name} leads to the inactive step ${label.step(to)}.`, [
        ...refs,
        stepRef(to.id),
      ]),
    );
  if (!from.isActive)
    findings.push(
      finding(
        'RULE_FROM_INACTIVE_STEP',
        `The ${name} leaves from the inactive step ${label.step(from)} and never fires.`,
        [...refs, stepRef(from.id)],
      ),
    );
  if (rule.fromOptionId !== null)
    findings.push(...fromOptionFindings(index, rule, rule.fromOptionId));
  return findings;
}

function fromOptionFindings(
  index: WizardIndex,
  rule: WizardFlowRule,
  optionId: number,
): LintFinding[] {
  const option = index.optionById.get(optionId);
  const from = index.stepById.get(rule.fromStepId);
  if (!from) return [];
  const refs = [ruleRef(rule.id), optionRef(optionId)];
  if (!option || stepOfOption(index, optionId)?.id !== from.id) {
    const what = option ? `option ${label.option(index, option)}` : `option #${optionId}`;
    const message = `The ${label.rule(rule)} depends on ${what}, which is not on its step ${label.step(from)}.`;
    return [finding('RULE_OPTION_NOT_ON_STEP', message, refs)];
  }
  if (from.isActive && !isLiveOption(index, option)) {
    const message = `The ${label.rule(rule)} depends on the inactive option ${label.option(index, option)} and never fires.`;
    return [finding('RULE_OPTION_INACTIVE', message, refs)];
  }
  return [];
}

function conditionFindings(index: WizardIndex, rule: WizardFlowRule): LintFinding[] {
  const expression = rule.conditionExpression?.trim() ? rule.conditionExpression : null;
  const refs = [ruleRef(rule.id)];
  if (rule.conditionType !== ConditionType.CONDITIONAL) {
    if (!expression) return [];
    const message = `The ${rule.conditionType} ${label.rule(rule)} has a condition, which is ignored.`;
    return [finding('RULE_CONDITION_IGNORED', message, refs)];
  }
  if (!expression)
    return [
      finding(
        'RULE_CONDITION_MISSING',
        `The CONDITIONAL ${label.rule(rule)} has no condition.`,
        refs,
      ),
    ];
  return checkCondition(expression, index.model).map((problem) =>
    finding(
      'RULE_CONDITION_INVALID',
      `The condition of the ${label.rule(rule)}: ${problem.message}`,
      refs,
    ),
  );
}

/** Groups of active rules from one step and one from-option (or none) with one priority. */
function tieFindings(index: WizardIndex): LintFinding[] {
  const groups = new Map<string, WizardFlowRule[]>();
  for (const rule of index.activeRules) {
    const key = `${rule.fromStepId}/${rule.fromOptionId ?? '-'}/${rule.priority}`;
    groups.set(key, [...(groups.get(key) ?? []), rule]);
  }
  return [...groups.values()]
    .filter((rules) => rules.length > 1)
    .map((rules) =>
      finding(
        'RULE_PRIORITY_TIE',
        `${rules.map(label.rule).join(', ')} leave the same step on the same answer with ` +
          `priority ${rules[0].priority}; which is tried first is undefined.`,
        rules.map((rule) => ruleRef(rule.id)),
      ),
    );
}

/** Followable rules ranked strictly below an always-applying rule of their step. */
function shadowFindings(index: WizardIndex): LintFinding[] {
  const followable = index.activeRules.filter((rule) => isFollowableRule(index, rule));
  return followable.flatMap((rule) => {
    const winner = followable.find(
      (other) =>
        other.fromStepId === rule.fromStepId &&
        alwaysApplies(other) &&
        other.priority > rule.priority,
    );
    if (!winner) return [];
    const message = `The ${label.rule(rule)} never fires: the ${label.rule(winner)} (priority ${winner.priority}) always applies first.`;
    return [finding('RULE_SHADOWED', message, [ruleRef(rule.id), ruleRef(winner.id)])];
  });
}

/** Every finding about flow rules (inactive rules are not live structure and are skipped). */
export function ruleFindings(index: WizardIndex): LintFinding[] {
  return [
    ...index.activeRules.flatMap((rule) => [
      ...referenceFindings(index, rule),
      ...conditionFindings(index, rule),
    ]),
    ...tieFindings(index),
    ...shadowFindings(index),
  ];
}

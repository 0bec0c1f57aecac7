import type { WizardFlowRule } from '../entities';
import { ConditionType } from '../entities/enums';
import { conditionContext, evaluateCondition, type AnswerValue } from '../rules';
import { activeStep, type RuntimeIndex } from './runtime-index';
import type { NextStep, StepAnswers } from './types';

/** What the flow after a step may look at: the answers that count on the path up to it. */
export interface FlowFacts {
  /** Answers of the answered steps on the path up to and including the step, by step id. */
  answers: ReadonlyMap<number, StepAnswers>;
  price: string;
  stepsCompleted: number;
  isGuest: boolean;
}

/** The answers as conditions see them: by step key and set key. */
function conditionAnswers(index: RuntimeIndex, answers: ReadonlyMap<number, StepAnswers>) {
  const result: Record<string, Record<string, AnswerValue>> = {};
  for (const [stepId, stepAnswers] of answers) {
    const step = index.stepById.get(stepId);
    if (!step) continue;
    const sets: Record<string, AnswerValue> = {};
    for (const answer of Object.values(stepAnswers)) {
      const set = index.setById.get(answer.setId);
      if (!set) continue;
      if (answer.optionIds?.length)
        sets[set.key] = answer.optionIds.map((id) => index.optionById.get(id)?.key ?? '');
      else if (answer.value !== undefined && answer.value !== null) sets[set.key] = answer.value;
    }
    result[step.key] = sets;
  }
  return result;
}

const ruleRef = (rule: WizardFlowRule) => ({
  id: rule.id,
  name: rule.name,
  type: rule.conditionType,
});

/** Why a rule applies, or null when it does not. */
function applies(
  index: RuntimeIndex,
  rule: WizardFlowRule,
  chosen: ReadonlySet<number>,
  facts: () => FlowFacts,
): string | null {
  const reasons: string[] = [];
  if (rule.fromOptionId !== null) {
    if (!chosen.has(rule.fromOptionId)) return null;
    const key = index.optionById.get(rule.fromOptionId)?.key ?? String(rule.fromOptionId);
    reasons.push(`option "${key}" was selected`);
  }
  if (rule.conditionType === ConditionType.CONDITIONAL) {
    const expression = rule.conditionExpression;
    if (!expression) return null;
    const { answers, price, stepsCompleted, isGuest } = facts();
    const context = conditionContext(index.model, {
      answers: conditionAnswers(index, answers),
      price,
      session: { stepsCompleted, isGuest },
    });
    if (!evaluateCondition(expression, context)) return null;
    reasons.push(`condition \`${expression}\` held`);
  }
  return reasons.length ? reasons.join(' and ') : 'it always applies';
}

/** The next active step after `stepId` by step order (for an inactive step, by its order). */
export function defaultNext(index: RuntimeIndex, stepId: number): number | null {
  const step = index.stepById.get(stepId);
  if (!step) return null;
  const next = index.activeSteps.find(
    (other) => other.order > step.order || (other.order === step.order && other.id > step.id),
  );
  return next?.id ?? null;
}

/**
 * Where the session goes after `stepId`: the first applying rule by descending priority (ties by
 * ascending rule id) whose target is an active step, else the default order, else completion.
 */
export function nextAfter(index: RuntimeIndex, stepId: number, facts: FlowFacts): NextStep {
  const own = facts.answers.get(stepId) ?? {};
  const chosen = new Set(Object.values(own).flatMap((answer) => answer.optionIds ?? []));
  for (const rule of index.rulesByStep.get(stepId) ?? []) {
    const target = activeStep(index, rule.toStepId);
    if (!target || target.wizardId !== index.model.wizard.id) continue;
    const why = applies(index, rule, chosen, () => facts);
    if (why === null) continue;
    const name = rule.name ? `"${rule.name}"` : `#${rule.id}`;
    return {
      stepId: target.id,
      complete: false,
      via: 'RULE',
      rule: ruleRef(rule),
      optional: rule.conditionType === ConditionType.OPTIONAL,
      reason: `rule ${name} (${rule.conditionType}) fired: ${why}`,
    };
  }
  const next = defaultNext(index, stepId);
  if (next !== null)
    return {
      stepId: next,
      complete: false,
      via: 'DEFAULT',
      rule: null,
      optional: false,
      reason: 'default order',
    };
  return {
    stepId: null,
    complete: true,
    via: 'COMPLETE',
    rule: null,
    optional: false,
    reason: 'complete',
  };
}

import { buildFlowGraph, END, reachable, reversed } from './flow-graph';
import { finding, ruleRef, stepRef, type LintFinding } from './lint-finding';
import { label, type WizardIndex } from './wizard-index';

/** NO_ACTIVE_STEPS, STEP_UNREACHABLE and FLOW_LOOP_NO_EXIT. */
export function flowFindings(index: WizardIndex): LintFinding[] {
  const [first] = index.activeSteps;
  if (!first) return [finding('NO_ACTIVE_STEPS', 'The wizard has no active step.', [])];
  const graph = buildFlowGraph(index);
  const reached = reachable(first.id, graph.next);
  const findings = index.activeSteps
    .filter((step) => !reached.has(step.id))
    .map((step) =>
      finding(
        'STEP_UNREACHABLE',
        `Step ${label.step(step)} cannot be reached from the first step ${label.step(first)}.`,
        [stepRef(step.id)],
      ),
    );
  const canFinish = reachable(END, reversed(graph.next));
  const stuck = index.activeSteps.filter((step) => reached.has(step.id) && !canFinish.has(step.id));
  if (stuck.length) {
    const stuckIds = new Set(stuck.map((step) => step.id));
    const rules = stuck.flatMap((step) => graph.rules.get(step.id) ?? []);
    const loopRules = rules.filter((rule) => stuckIds.has(rule.toStepId));
    findings.push(
      finding(
        'FLOW_LOOP_NO_EXIT',
        `A session that reaches ${stuck.map(label.step).join(', ')} can never finish: ` +
          `every path from there loops back (${loopRules.map(label.rule).join(', ') || 'no rules'}).`,
        [...stuck.map((step) => stepRef(step.id)), ...loopRules.map((rule) => ruleRef(rule.id))],
      ),
    );
  }
  return findings;
}

import { ConditionType } from '../../entities/enums';
import type { WizardFlowRule, WizardStep } from '../../entities';
import { isLiveOption, stepOfOption, type WizardIndex } from './wizard-index';

/** The node "session completed" (step ids are positive). */
export const END = -1;

/** Possible next steps (or END) of every active step, and the rules behind each edge. */
export interface FlowGraph {
  next: Map<number, Set<number>>;
  /** Rules that may fire from each step (for messages). */
  rules: Map<number, WizardFlowRule[]>;
}

/** A rule that can fire and lead somewhere live; broken rules are reported, not followed. */
export function isFollowableRule(index: WizardIndex, rule: WizardFlowRule): boolean {
  const from = index.stepById.get(rule.fromStepId);
  const to = index.stepById.get(rule.toStepId);
  if (!rule.isActive || !from?.isActive || !to?.isActive) return false;
  if (rule.fromOptionId === null) return true;
  const option = index.optionById.get(rule.fromOptionId);
  return isLiveOption(index, option) && stepOfOption(index, rule.fromOptionId)?.id === from.id;
}

/** REQUIRED and OPTIONAL rules without a from-option apply whatever the answers. */
export const alwaysApplies = (rule: WizardFlowRule): boolean =>
  rule.fromOptionId === null && rule.conditionType !== ConditionType.CONDITIONAL;

/**
 * The rules that may fire after `step`, given its followable rules by descending priority.
 * Conservative: every rule might apply (conditions and from-options are not evaluated), except
 * that nothing ranked below an always-applying rule can fire. Rules tied with it are kept, as
 * their order is undefined. Returns the rules and whether the default next step may follow.
 */
export function possibleRules(rules: WizardFlowRule[]): {
  rules: WizardFlowRule[];
  fallsThrough: boolean;
} {
  const always = rules.find(alwaysApplies);
  if (!always) return { rules, fallsThrough: true };
  return { rules: rules.filter((rule) => rule.priority >= always.priority), fallsThrough: false };
}

/**
 * Edges: every possible rule of a step, plus the default (the next active step by step order,
 * or END after the last one) unless an always-applying rule takes over.
 */
export function buildFlowGraph(index: WizardIndex): FlowGraph {
  const next = new Map<number, Set<number>>();
  const rulesByStep = new Map<number, WizardFlowRule[]>();
  const followable = index.activeRules.filter((rule) => isFollowableRule(index, rule));
  index.activeSteps.forEach((step: WizardStep, position) => {
    const own = followable.filter((rule) => rule.fromStepId === step.id);
    const { rules, fallsThrough } = possibleRules(own);
    const targets = new Set(rules.map((rule) => rule.toStepId));
    if (fallsThrough) targets.add(index.activeSteps[position + 1]?.id ?? END);
    next.set(step.id, targets);
    rulesByStep.set(step.id, rules);
  });
  return { next, rules: rulesByStep };
}

/** Every node reachable from `start` along `edges`. */
export function reachable(start: number, edges: Map<number, Set<number>>): Set<number> {
  const seen = new Set([start]);
  const queue = [start];
  for (let node = queue.pop(); node !== undefined; node = queue.pop()) {
    for (const target of edges.get(node) ?? []) {
      if (!seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return seen;
}

/** The graph with every edge turned round. */
export function reversed(edges: Map<number, Set<number>>): Map<number, Set<number>> {
  const back = new Map<number, Set<number>>();
  for (const [from, targets] of edges) {
    for (const to of targets) {
      const sources = back.get(to) ?? new Set<number>();
      sources.add(from);
      back.set(to, sources);
    }
  }
  return back;
}

import type { WizardModel } from '../../definitions/wizard-model';
import type { WizardFlowRule, WizardOption, WizardOptionSet, WizardStep } from '../../entities';

/** Lookups over one WizardModel for the logic check. "Live" means active all the way up. */
export interface WizardIndex {
  model: WizardModel;
  stepById: Map<number, WizardStep>;
  setById: Map<number, WizardOptionSet>;
  optionById: Map<number, WizardOption>;
  /** Active steps in session order (step order, then id). */
  activeSteps: WizardStep[];
  /** Active rules, highest priority first (then id). */
  activeRules: WizardFlowRule[];
  optionsBySet: Map<number, WizardOption[]>;
}

function groupBy<T>(items: T[], key: (item: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

export function indexWizard(model: WizardModel): WizardIndex {
  const byId = <T extends { id: number }>(rows: T[]) => new Map(rows.map((row) => [row.id, row]));
  return {
    model,
    stepById: byId(model.steps),
    setById: byId(model.optionSets),
    optionById: byId(model.options),
    activeSteps: model.steps
      .filter((step) => step.isActive)
      .sort((a, b) => a.order - b.order || a.id - b.id),
    activeRules: model.flowRules
      .filter((rule) => rule.isActive)
      .sort((a, b) => b.priority - a.priority || a.id - b.id),
    optionsBySet: groupBy(model.options, (option) => option.setId),
  };
}

export function isLiveSet(index: WizardIndex, set: WizardOptionSet | undefined): boolean {
  return Boolean(set?.isActive && index.stepById.get(set.stepId)?.isActive);
}

export function isLiveOption(index: WizardIndex, option: WizardOption | undefined): boolean {
  return Boolean(option?.isActive && isLiveSet(index, index.setById.get(option.setId)));
}

/** The step an option belongs to, if it is in this wizard. */
export function stepOfOption(index: WizardIndex, optionId: number): WizardStep | undefined {
  const set = index.setById.get(index.optionById.get(optionId)?.setId ?? NaN);
  return set && index.stepById.get(set.stepId);
}

/** Names for messages: "usage", "usage.primary_use", "usage.primary_use.gaming", rule "Name". */
export const label = {
  step: (step: WizardStep): string => `"${step.key}"`,
  set: (index: WizardIndex, set: WizardOptionSet): string =>
    `"${index.stepById.get(set.stepId)?.key ?? '?'}.${set.key}"`,
  option: (index: WizardIndex, option: WizardOption): string => {
    const set = index.setById.get(option.setId);
    return set ? `${label.set(index, set).slice(0, -1)}.${option.key}"` : `"${option.key}"`;
  },
  rule: (rule: WizardFlowRule): string => (rule.name ? `rule "${rule.name}"` : `rule #${rule.id}`),
};

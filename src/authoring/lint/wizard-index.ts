import { byId, groupBy, inListOrder, inPriorityOrder } from '../../definitions/model-lookups';
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
  /** Every option of each set, inactive ones included (the runtime index keeps active ones). */
  optionsBySet: Map<number, WizardOption[]>;
}

export function indexWizard(model: WizardModel): WizardIndex {
  return {
    model,
    stepById: byId(model.steps),
    setById: byId(model.optionSets),
    optionById: byId(model.options),
    activeSteps: model.steps.filter((step) => step.isActive).sort(inListOrder),
    activeRules: model.flowRules.filter((rule) => rule.isActive).sort(inPriorityOrder),
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

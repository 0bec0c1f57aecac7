import { byId, groupBy, inListOrder, inPriorityOrder } from '../definitions/model-lookups';
import type { WizardModel } from '../definitions/wizard-model';
import type {
  WizardFlowRule,
  WizardOption,
  WizardOptionDependency,
  WizardOptionSet,
  WizardSetDependency,
  WizardStep,
} from '../entities';

/** Lookups over one WizardModel for the engine, built once per model and cached. */
export interface RuntimeIndex {
  model: WizardModel;
  stepById: Map<number, WizardStep>;
  setById: Map<number, WizardOptionSet>;
  optionById: Map<number, WizardOption>;
  /** Active steps in session order (step order, then id). */
  activeSteps: WizardStep[];
  /** Active sets of each step, in set order. */
  setsByStep: Map<number, WizardOptionSet[]>;
  /** Active options of each set, in option order. */
  optionsBySet: Map<number, WizardOption[]>;
  optionDeps: Map<number, WizardOptionDependency[]>;
  setDeps: Map<number, WizardSetDependency[]>;
  /** Active rules of each from-step, highest priority first, ties by ascending rule id. */
  rulesByStep: Map<number, WizardFlowRule[]>;
}

function buildIndex(model: WizardModel): RuntimeIndex {
  const sets = model.optionSets.filter((set) => set.isActive).sort(inListOrder);
  const options = model.options.filter((option) => option.isActive).sort(inListOrder);
  const rules = model.flowRules.filter((rule) => rule.isActive).sort(inPriorityOrder);
  return {
    model,
    stepById: byId(model.steps),
    setById: byId(model.optionSets),
    optionById: byId(model.options),
    activeSteps: model.steps.filter((step) => step.isActive).sort(inListOrder),
    setsByStep: groupBy(sets, (set) => set.stepId),
    optionsBySet: groupBy(options, (option) => option.setId),
    optionDeps: groupBy(model.optionDependencies, (dep) => dep.optionId),
    setDeps: groupBy(model.setDependencies, (dep) => dep.setId),
    rulesByStep: groupBy(rules, (rule) => rule.fromStepId),
  };
}

// Models are immutable snapshots; a WeakMap frees the index with its model.
const indexes = new WeakMap<WizardModel, RuntimeIndex>();

export function runtimeIndex(model: WizardModel): RuntimeIndex {
  let index = indexes.get(model);
  if (!index) {
    index = buildIndex(model);
    indexes.set(model, index);
  }
  return index;
}

/** The active step of this wizard with this id, if any. */
export function activeStep(index: RuntimeIndex, stepId: number): WizardStep | undefined {
  const step = index.stepById.get(stepId);
  return step?.isActive ? step : undefined;
}

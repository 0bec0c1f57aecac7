import type { WizardFlowRule, WizardOption, WizardOptionSet, WizardStep } from '../entities';
import { canonicalDefinition } from './canonical-definition';
import { DefinitionError } from './insert-wizard-definition';
import type {
  FlowRuleDefinition,
  OptionReference,
  OptionSetDefinition,
  StepDefinition,
  WizardDefinition,
} from './wizard-definition';
import { byId, groupBy } from './model-lookups';
import type { WizardModel } from './wizard-model';

/** canonicalDefinition keeps only each level's fields and drops nulls: rows go in as they are. */
const asFields = <T>(row: object): T => row as unknown as T;

/** Finds steps, sets and options by id, names an option by its keys, and lists children. */
function indexModel(model: WizardModel) {
  const steps = byId(model.steps);
  const sets = byId(model.optionSets);
  const options = byId(model.options);
  /** The option's keys; the data must place it on `stepId`, or the document cannot say it. */
  const reference = (optionId: number, stepId: number, path: string): OptionReference => {
    const option = options.get(optionId);
    const set = option && sets.get(option.setId);
    const step = set && steps.get(set.stepId);
    if (!option || !set || !step) {
      throw new DefinitionError(path, `option ${optionId} is not in this wizard`);
    }
    if (step.id !== stepId) {
      throw new DefinitionError(path, `option ${optionId} is not on step ${stepId}`);
    }
    return { step: step.key, set: set.key, option: option.key };
  };
  const stepKey = (stepId: number, path: string): string => {
    const step = steps.get(stepId);
    if (!step) throw new DefinitionError(path, `step ${stepId} is not in this wizard`);
    return step.key;
  };
  return {
    reference,
    stepKey,
    setsOf: groupBy(model.optionSets, (set) => set.stepId),
    optionsOf: groupBy(model.options, (option) => option.setId),
    optionDependenciesOf: groupBy(model.optionDependencies, (row) => row.optionId),
    setDependenciesOf: groupBy(model.setDependencies, (row) => row.setId),
  };
}

type Index = ReturnType<typeof indexModel>;

interface DependencyRow {
  type: string;
  dependsOnStepId: number;
  dependsOnOptionId: number;
}

function exportDependencies(rows: DependencyRow[] = [], path: string, index: Index) {
  return rows.map((row, d) => ({
    type: row.type,
    on: index.reference(
      row.dependsOnOptionId,
      row.dependsOnStepId,
      `${path}.dependencies[${d}].on`,
    ),
  }));
}

function exportSet(set: WizardOptionSet, path: string, index: Index): OptionSetDefinition {
  const options = (index.optionsOf.get(set.id) ?? []).map((option: WizardOption, o) => {
    const optionPath = `${path}.options[${o}]`;
    const rows = index.optionDependenciesOf.get(option.id);
    return { ...option, dependencies: exportDependencies(rows, optionPath, index) };
  });
  const dependencies = exportDependencies(index.setDependenciesOf.get(set.id), path, index);
  return asFields<OptionSetDefinition>({ ...set, dependencies, options });
}

function exportStep(step: WizardStep, s: number, index: Index): StepDefinition {
  const optionSets = (index.setsOf.get(step.id) ?? []).map((set, t) =>
    exportSet(set, `steps[${s}].optionSets[${t}]`, index),
  );
  return asFields<StepDefinition>({ ...step, optionSets });
}

function exportFlowRule(rule: WizardFlowRule, r: number, index: Index): FlowRuleDefinition {
  const path = `flowRules[${r}]`;
  const fromOption =
    rule.fromOptionId === null
      ? undefined
      : index.reference(rule.fromOptionId, rule.fromStepId, `${path}.fromOption`);
  return {
    ...asFields<FlowRuleDefinition>(rule),
    from: index.stepKey(rule.fromStepId, `${path}.from`),
    fromOption: fromOption && { set: fromOption.set, option: fromOption.option },
    to: index.stepKey(rule.toStepId, `${path}.to`),
    condition: rule.conditionExpression ?? undefined,
  };
}

/**
 * The wizard as its canonical definition document: keys instead of ids, everything included
 * (inactive parts with their isActive flags). Throws DefinitionError (at the document path) when
 * the stored data cannot be said with keys: a reference into another wizard, or a source option
 * that is not on the step the row names.
 */
export function exportWizardDefinition(model: WizardModel): WizardDefinition {
  const index = indexModel(model);
  return canonicalDefinition({
    ...asFields<WizardDefinition>(model.wizard),
    steps: model.steps.map((step, s) => exportStep(step, s, index)),
    flowRules: model.flowRules.map((rule, r) => exportFlowRule(rule, r, index)),
  });
}

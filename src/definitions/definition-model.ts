import type { DependencyDefinition, OptionReference, WizardDefinition } from './wizard-definition';
import type { WizardModel } from './wizard-model';
import {
  Wizard,
  WizardFlowRule,
  WizardOption,
  WizardOptionDependency,
  WizardOptionSet,
  WizardSetDependency,
  WizardStep,
} from '../entities';
import {
  ConditionType,
  SelectionType,
  type DependencyType,
  type SetDependencyType,
} from '../entities/enums';

/** First fake id of each kind: distinct ranges make a wrong kind of id easy to spot. */
export const FIRST_ID = {
  step: 101,
  set: 201,
  option: 1001,
  rule: 5001,
  optionDependency: 7001,
  setDependency: 8001,
};

const make = <T extends object>(target: new () => T, fields: Partial<T>): T =>
  Object.assign(new target(), fields);

type Pending<T> = { ownerId: number; dep: DependencyDefinition<T & string> };

/** Rows and lookups gathered while walking a definition. */
interface Build {
  wizardId: number;
  steps: WizardStep[];
  optionSets: WizardOptionSet[];
  options: WizardOption[];
  stepIdByKey: Map<string, number>;
  optionIdByRef: Map<string, number>;
  setDeps: Pending<SetDependencyType>[];
  optionDeps: Pending<DependencyType>[];
}

function addSteps(build: Build, definition: WizardDefinition): void {
  definition.steps.forEach(({ optionSets, ...step }, index) => {
    const id = FIRST_ID.step + index;
    build.steps.push(
      make(WizardStep, {
        isRequired: true,
        allowBackNavigation: true,
        autoAdvance: false,
        showProgressBar: true,
        ...step,
        isActive: step.isActive ?? true,
        id,
        wizardId: build.wizardId,
        order: index + 1,
      }),
    );
    build.stepIdByKey.set(step.key, id);
    optionSets.forEach((set, order) => addSet(build, step.key, id, set, order + 1));
  });
}

function addSet(
  build: Build,
  stepKey: string,
  stepId: number,
  { options, dependencies, ...set }: WizardDefinition['steps'][number]['optionSets'][number],
  order: number,
): void {
  const id = FIRST_ID.set + build.optionSets.length;
  build.optionSets.push(
    make(WizardOptionSet, {
      selectionType: SelectionType.SINGLE,
      isRequired: true,
      minSelections: 0,
      maxSelections: null,
      validationRules: null,
      ...set,
      isActive: set.isActive ?? true,
      id,
      stepId,
      order,
    }),
  );
  for (const dep of dependencies ?? []) build.setDeps.push({ ownerId: id, dep });
  options.forEach(({ dependencies: optionDeps, ...option }, index) => {
    const optionId = FIRST_ID.option + build.options.length;
    build.options.push(
      make(WizardOption, {
        price: '0.00',
        isDefault: false,
        isDisabled: false,
        ...option,
        isActive: option.isActive ?? true,
        id: optionId,
        setId: id,
        order: index + 1,
      }),
    );
    build.optionIdByRef.set(`${stepKey}/${set.key}/${option.key}`, optionId);
    for (const dep of optionDeps ?? []) build.optionDeps.push({ ownerId: optionId, dep });
  });
}

function resolver(build: Build) {
  const stepId = (key: string) => {
    const id = build.stepIdByKey.get(key);
    if (id === undefined) throw new Error(`no step ${key}`);
    return id;
  };
  const option = (ref: OptionReference) => {
    const id = build.optionIdByRef.get(`${ref.step}/${ref.set}/${ref.option}`);
    if (id === undefined) throw new Error(`no option ${ref.step}/${ref.set}/${ref.option}`);
    return { dependsOnStepId: stepId(ref.step), dependsOnOptionId: id };
  };
  return { stepId, option };
}

function ruleRows(build: Build, definition: WizardDefinition): WizardFlowRule[] {
  const resolve = resolver(build);
  return (definition.flowRules ?? []).map(({ from, to, fromOption, condition, ...rule }, index) =>
    make(WizardFlowRule, {
      conditionType: ConditionType.REQUIRED,
      priority: 0,
      name: null,
      ...rule,
      isActive: rule.isActive ?? true,
      id: FIRST_ID.rule + index,
      wizardId: build.wizardId,
      fromStepId: resolve.stepId(from),
      toStepId: resolve.stepId(to),
      fromOptionId: fromOption
        ? resolve.option({ step: from, ...fromOption }).dependsOnOptionId
        : null,
      conditionExpression: condition ?? null,
    }),
  );
}

/**
 * A WizardModel built in memory from a definition, as insertWizardDefinition + loadWizardModel
 * would give it (database defaults applied), with fake ids from FIRST_ID: what a document's
 * conditions are checked against before it is imported, and what engine tests run on. The
 * definition's references must resolve (validate it first); an unresolved one throws.
 */
export function wizardModelFromDefinition(definition: WizardDefinition, wizardId = 1): WizardModel {
  const {
    steps: _steps,
    flowRules: _rules,
    published,
    formatVersion: _format,
    ...fields
  } = definition;
  const wizard = make(Wizard, {
    isActive: true,
    isPublic: true,
    version: '1.0',
    ...fields,
    id: wizardId,
    publishedAt: published ? new Date(0) : null,
  });
  const build: Build = {
    wizardId,
    steps: [],
    optionSets: [],
    options: [],
    stepIdByKey: new Map(),
    optionIdByRef: new Map(),
    setDeps: [],
    optionDeps: [],
  };
  addSteps(build, definition);
  const resolve = resolver(build);
  const optionDependencies = build.optionDeps.map(({ ownerId, dep }, index) =>
    make(WizardOptionDependency, {
      id: FIRST_ID.optionDependency + index,
      optionId: ownerId,
      type: dep.type,
      ...resolve.option(dep.on),
    }),
  );
  const setDependencies = build.setDeps.map(({ ownerId, dep }, index) =>
    make(WizardSetDependency, {
      id: FIRST_ID.setDependency + index,
      setId: ownerId,
      type: dep.type,
      ...resolve.option(dep.on),
    }),
  );
  const { steps, optionSets, options } = build;
  const flowRules = ruleRows(build, definition);
  return { wizard, steps, optionSets, options, flowRules, optionDependencies, setDependencies };
}

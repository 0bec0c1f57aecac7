import {
  FLOW_RULE_DEFAULTS,
  OPTION_DEFAULTS,
  OPTION_SET_DEFAULTS,
  STEP_DEFAULTS,
  WIZARD_DEFAULTS,
} from './definition-defaults';
import {
  WIZARD_FORMAT_VERSION,
  type DependencyDefinition,
  type FlowRuleDefinition,
  type OptionDefinition,
  type OptionSetDefinition,
  type StepDefinition,
  type WizardDefinition,
} from './wizard-definition';

// The field order of each level in a written document (lists come after the scalar fields).
const WIZARD_FIELDS = [
  'key',
  'name',
  'description',
  'category',
  'icon',
  'color',
  'bannerImage',
  'allowSaveProgress',
  'allowTemplates',
  'requireLogin',
  'maxSteps',
  'estimatedTimeMinutes',
  'isActive',
  'isPublic',
  'isFeatured',
  'version',
] as const;
const STEP_FIELDS = [
  'key',
  'name',
  'title',
  'description',
  'helpText',
  'isRequired',
  'allowBackNavigation',
  'autoAdvance',
  'showProgressBar',
  'icon',
  'isActive',
] as const;
const SET_FIELDS = [
  'key',
  'name',
  'title',
  'description',
  'helpText',
  'selectionType',
  'isRequired',
  'minSelections',
  'maxSelections',
  'validationRules',
  'isActive',
] as const;
const OPTION_FIELDS = [
  'key',
  'label',
  'description',
  'value',
  'icon',
  'imageUrl',
  'price',
  'isDefault',
  'isDisabled',
  'isRecommended',
  'requiresInput',
  'inputPlaceholder',
  'metadata',
  'isActive',
] as const;
const RULE_FIELDS = ['name', 'description', 'from', 'fromOption', 'to'] as const;
const RULE_TAIL_FIELDS = ['conditionType', 'condition', 'priority', 'isActive'] as const;

/** The given fields in the given order, leaving out absent ones (undefined, null) and defaults. */
function pick<T extends object>(
  source: T,
  fields: readonly (keyof T)[],
  defaults: Partial<Record<keyof T, unknown>> = {},
): Partial<T> {
  const result: Partial<T> = {};
  for (const field of fields) {
    const value = source[field];
    if (value === undefined || value === null || value === defaults[field]) continue;
    result[field] = value;
  }
  return result;
}

/** Two fraction digits, as DECIMAL(10,2) reads back: "149.5" → "149.50". */
export function canonicalPrice(price: string): string {
  const [whole, fraction = ''] = price.split('.');
  return `${whole}.${fraction.padEnd(2, '0')}`;
}

function canonicalDependency<T extends string>(dependency: DependencyDefinition<T>) {
  const { step, set, option } = dependency.on;
  return { type: dependency.type, on: { step, set, option } };
}

/** Only non-empty lists are written. */
function list<K extends string, T>(name: K, items: T[] | undefined): Partial<Record<K, T[]>> {
  return items?.length ? ({ [name]: items } as Record<K, T[]>) : {};
}

function canonicalOption(option: OptionDefinition): OptionDefinition {
  const price = option.price === undefined ? undefined : canonicalPrice(option.price);
  return {
    ...(pick({ ...option, price }, OPTION_FIELDS, OPTION_DEFAULTS) as OptionDefinition),
    ...list('dependencies', option.dependencies?.map(canonicalDependency)),
  };
}

function canonicalSet(set: OptionSetDefinition): OptionSetDefinition {
  return {
    ...(pick(set, SET_FIELDS, OPTION_SET_DEFAULTS) as OptionSetDefinition),
    ...list('dependencies', set.dependencies?.map(canonicalDependency)),
    options: set.options.map(canonicalOption),
  };
}

function canonicalStep(step: StepDefinition): StepDefinition {
  return {
    ...(pick(step, STEP_FIELDS, STEP_DEFAULTS) as StepDefinition),
    optionSets: step.optionSets.map(canonicalSet),
  };
}

function canonicalFlowRule(rule: FlowRuleDefinition): FlowRuleDefinition {
  const fromOption = rule.fromOption && {
    set: rule.fromOption.set,
    option: rule.fromOption.option,
  };
  return {
    ...(pick({ ...rule, fromOption }, RULE_FIELDS) as FlowRuleDefinition),
    ...pick(rule, RULE_TAIL_FIELDS, FLOW_RULE_DEFAULTS),
  };
}

/**
 * The one written form of a definition, which export produces: `formatVersion` first, fields in
 * a fixed order, fields holding their defaults and empty dependency / flow-rule lists left out,
 * prices with two decimals, and no `published` (an import is always a draft). Two definitions
 * that store the same wizard have the same canonical form.
 */
export function canonicalDefinition(definition: WizardDefinition): WizardDefinition {
  return {
    formatVersion: WIZARD_FORMAT_VERSION,
    ...(pick(definition, WIZARD_FIELDS, WIZARD_DEFAULTS) as WizardDefinition),
    steps: definition.steps.map(canonicalStep),
    ...list('flowRules', definition.flowRules?.map(canonicalFlowRule)),
  };
}

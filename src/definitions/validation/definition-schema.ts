import {
  ConditionType,
  DependencyType,
  SelectionType,
  SetDependencyType,
} from '../../entities/enums';
import { ITEM_KEY, WIZARD_KEY } from '../keys';
import { WIZARD_FORMAT_VERSION } from '../wizard-definition';
import {
  exactly,
  flag,
  integer,
  jsonObject,
  key,
  list,
  object,
  oneOf,
  price,
  text,
  type FieldCheck,
} from './field-checks';

/** The most a document may hold; together they keep an import to a bounded amount of work. */
export const DEFINITION_LIMITS = {
  documentBytes: 1_048_576,
  steps: 200,
  setsPerStep: 50,
  optionsPerSet: 200,
  dependenciesPerItem: 50,
  flowRules: 1_000,
} as const;

export interface FieldSpec {
  check: FieldCheck;
  required?: boolean;
}

/** The fields one level of the document may have; any other field is refused. */
export type LevelSpec = Record<string, FieldSpec>;

const required = (check: FieldCheck): FieldSpec => ({ check, required: true });
const optional = (check: FieldCheck): FieldSpec => ({ check });

// Text columns have no size of their own; the authoring inputs allow 10,000 characters.
const TEXT = optional(text(10_000));
const FLAG = optional(flag);
const INT4_MAX = 2_147_483_647;

const wizardKey = key(
  WIZARD_KEY,
  'must be 1 to 100 lower-case letters, digits, "_" or "-", starting with a letter or digit',
);
const itemKey = key(
  ITEM_KEY,
  'must be 1 to 100 lower-case letters, digits or "_", starting with a letter',
);
const keyName = required(text(100, 1));

// Lengths below are the columns' VARCHAR sizes.
export const WIZARD_SPEC: LevelSpec = {
  formatVersion: optional(exactly(WIZARD_FORMAT_VERSION)),
  key: required(wizardKey),
  name: required(text(200, 1)),
  description: TEXT,
  category: optional(text(100)),
  icon: optional(text(100)),
  color: optional(text(50)),
  bannerImage: optional(text(255)),
  allowSaveProgress: FLAG,
  allowTemplates: FLAG,
  requireLogin: FLAG,
  maxSteps: optional(integer(1, 500)),
  estimatedTimeMinutes: optional(integer(0, 10_000)),
  isActive: FLAG,
  isPublic: FLAG,
  isFeatured: FLAG,
  version: optional(text(20, 1)),
  published: FLAG,
  steps: required(list(DEFINITION_LIMITS.steps)),
  flowRules: optional(list(DEFINITION_LIMITS.flowRules)),
};

export const STEP_SPEC: LevelSpec = {
  key: required(itemKey),
  name: required(text(100, 1)),
  title: optional(text(200)),
  description: TEXT,
  helpText: TEXT,
  isRequired: FLAG,
  allowBackNavigation: FLAG,
  autoAdvance: FLAG,
  showProgressBar: FLAG,
  icon: optional(text(100)),
  isActive: FLAG,
  optionSets: required(list(DEFINITION_LIMITS.setsPerStep)),
};

export const OPTION_SET_SPEC: LevelSpec = {
  key: required(itemKey),
  name: required(text(100, 1)),
  title: optional(text(200)),
  description: TEXT,
  helpText: TEXT,
  selectionType: optional(oneOf(SelectionType)),
  isRequired: FLAG,
  minSelections: optional(integer(0, 1_000)),
  maxSelections: optional(integer(1, 1_000)),
  validationRules: optional(jsonObject),
  isActive: FLAG,
  dependencies: optional(list(DEFINITION_LIMITS.dependenciesPerItem)),
  options: required(list(DEFINITION_LIMITS.optionsPerSet)),
};

export const OPTION_SPEC: LevelSpec = {
  key: required(itemKey),
  label: required(text(200, 1)),
  description: TEXT,
  value: optional(text(255)),
  icon: optional(text(100)),
  imageUrl: optional(text(255)),
  price: optional(price),
  isDefault: FLAG,
  isDisabled: FLAG,
  isRecommended: FLAG,
  requiresInput: FLAG,
  inputPlaceholder: optional(text(255)),
  metadata: optional(jsonObject),
  isActive: FLAG,
  dependencies: optional(list(DEFINITION_LIMITS.dependenciesPerItem)),
};

/** A dependency of a set or of an option (their types differ: sets have no DISABLE_IF). */
export const dependencySpec = (types: typeof DependencyType | typeof SetDependencyType) => ({
  type: required(oneOf(types)),
  on: required(object),
});

// Whether references resolve is checked after the structure (definition-references.ts).
export const OPTION_REFERENCE_SPEC: LevelSpec = {
  step: keyName,
  set: keyName,
  option: keyName,
};

export const FROM_OPTION_SPEC: LevelSpec = { set: keyName, option: keyName };

export const FLOW_RULE_SPEC: LevelSpec = {
  name: optional(text(100)),
  description: TEXT,
  from: keyName,
  fromOption: optional(object),
  to: keyName,
  conditionType: optional(oneOf(ConditionType)),
  // A CEL expression, stored as text; the logic check reads it.
  condition: TEXT,
  priority: optional(integer(-INT4_MAX - 1, INT4_MAX)),
  isActive: FLAG,
};

import { ConditionType, SelectionType } from '../entities/enums';

/**
 * The value each defaulted column takes when a document omits the field: the columns' own
 * DEFAULTs (a unit test compares them with the entities). Export leaves out a field holding its
 * default, and insertWizardDefinition lets the database fill it back in, so the round trip is
 * exact. Nullable columns without a default are simply left out while null.
 */
export const WIZARD_DEFAULTS = {
  allowSaveProgress: true,
  allowTemplates: true,
  requireLogin: true,
  isActive: true,
  isPublic: true,
  isFeatured: false,
  version: '1.0',
} as const;

export const STEP_DEFAULTS = {
  isRequired: true,
  allowBackNavigation: true,
  autoAdvance: false,
  showProgressBar: true,
  isActive: true,
} as const;

export const OPTION_SET_DEFAULTS = {
  selectionType: SelectionType.SINGLE,
  isRequired: true,
  minSelections: 0,
  isActive: true,
} as const;

export const OPTION_DEFAULTS = {
  price: '0.00',
  isDefault: false,
  isDisabled: false,
  isRecommended: false,
  requiresInput: false,
  isActive: true,
} as const;

export const FLOW_RULE_DEFAULTS = {
  conditionType: ConditionType.REQUIRED,
  priority: 0,
  isActive: true,
} as const;

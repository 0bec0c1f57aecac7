import type {
  ConditionType,
  DependencyType,
  SelectionType,
  SetDependencyType,
} from '../entities/enums';

/** The version of the document format that export writes and import reads. */
export const WIZARD_FORMAT_VERSION = 1;

/**
 * A whole wizard as a document that names things by key, never by database id. The demo data is
 * written in this form, and it is the shape of wizard import/export. Order is the array order.
 * An omitted field takes its column's default (definition-defaults.ts).
 */
export interface WizardDefinition {
  /** Export always writes it; import accepts its absence as version 1. */
  formatVersion?: typeof WIZARD_FORMAT_VERSION;
  key: string;
  name: string;
  description?: string;
  category?: string;
  icon?: string;
  color?: string;
  bannerImage?: string;
  allowSaveProgress?: boolean;
  allowTemplates?: boolean;
  requireLogin?: boolean;
  maxSteps?: number;
  estimatedTimeMinutes?: number;
  isActive?: boolean;
  isPublic?: boolean;
  isFeatured?: boolean;
  version?: string;
  /**
   * The seed stores the wizard as published (published_at set) when true. Import accepts the
   * field but always creates a draft, and export never writes it: publishing is its own step.
   */
  published?: boolean;
  steps: StepDefinition[];
  flowRules?: FlowRuleDefinition[];
}

export interface StepDefinition {
  key: string;
  name: string;
  title?: string;
  description?: string;
  helpText?: string;
  isRequired?: boolean;
  allowBackNavigation?: boolean;
  autoAdvance?: boolean;
  showProgressBar?: boolean;
  icon?: string;
  isActive?: boolean;
  optionSets: OptionSetDefinition[];
}

export interface OptionSetDefinition {
  key: string;
  name: string;
  title?: string;
  description?: string;
  helpText?: string;
  selectionType?: SelectionType;
  isRequired?: boolean;
  minSelections?: number;
  maxSelections?: number;
  validationRules?: Record<string, unknown>;
  isActive?: boolean;
  options: OptionDefinition[];
  dependencies?: DependencyDefinition<SetDependencyType>[];
}

export interface OptionDefinition {
  key: string;
  label: string;
  description?: string;
  value?: string;
  icon?: string;
  imageUrl?: string;
  /** Decimal string with at most two fraction digits, e.g. "149.00". */
  price?: string;
  isDefault?: boolean;
  isDisabled?: boolean;
  isRecommended?: boolean;
  requiresInput?: boolean;
  inputPlaceholder?: string;
  metadata?: Record<string, unknown>;
  isActive?: boolean;
  dependencies?: DependencyDefinition<DependencyType>[];
}

/** Points at the source option of a dependency by step, set and option keys. */
export interface OptionReference {
  step: string;
  set: string;
  option: string;
}

export interface DependencyDefinition<T extends string> {
  type: T;
  on: OptionReference;
}

export interface FlowRuleDefinition {
  name?: string;
  description?: string;
  from: string;
  /** The rule applies only when this option (on the from-step) was chosen. */
  fromOption?: { set: string; option: string };
  to: string;
  conditionType?: ConditionType;
  condition?: string;
  priority?: number;
  isActive?: boolean;
}

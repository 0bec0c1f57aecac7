import { ApiKey } from './api-key.entity';
import { AuditEntry } from './audit-entry.entity';
import { SecurityEvent } from './security-event.entity';
import { User } from './user.entity';
import { UserSessionSummary } from './user-session-summary.view';
import { WizardAnalytics } from './wizard-analytics.entity';
import { WizardFlowRule } from './wizard-flow-rule.entity';
import { WizardOptionDependency } from './wizard-option-dependency.entity';
import { WizardOptionSet } from './wizard-option-set.entity';
import { WizardOption } from './wizard-option.entity';
import { WizardOverview } from './wizard-overview.view';
import { WizardSessionActivity } from './wizard-session-activity.entity';
import { WizardSessionReplay } from './wizard-session-replay.entity';
import { WizardSessionShare } from './wizard-session-share.entity';
import { WizardSessionTemplate } from './wizard-session-template.entity';
import { WizardSession } from './wizard-session.entity';
import { WizardSetDependency } from './wizard-set-dependency.entity';
import { WizardStepSkip } from './wizard-step-skip.entity';
import { WizardStep } from './wizard-step.entity';
import { WizardUserSelection } from './wizard-user-selection.entity';
import { Wizard } from './wizard.entity';

export {
  ApiKey,
  AuditEntry,
  SecurityEvent,
  User,
  UserSessionSummary,
  Wizard,
  WizardAnalytics,
  WizardFlowRule,
  WizardOption,
  WizardOptionDependency,
  WizardOptionSet,
  WizardOverview,
  WizardSession,
  WizardSessionActivity,
  WizardSessionReplay,
  WizardSessionShare,
  WizardSessionTemplate,
  WizardSetDependency,
  WizardStep,
  WizardStepSkip,
  WizardUserSelection,
};

/** Every table and view the DataSource maps, in seed order. */
export const ENTITIES = [
  User,
  Wizard,
  WizardStep,
  WizardOptionSet,
  WizardOption,
  WizardFlowRule,
  WizardOptionDependency,
  WizardSetDependency,
  WizardSession,
  WizardUserSelection,
  WizardStepSkip,
  WizardSessionTemplate,
  WizardSessionReplay,
  WizardSessionShare,
  WizardSessionActivity,
  WizardAnalytics,
  WizardOverview,
  UserSessionSummary,
  ApiKey,
  SecurityEvent,
  AuditEntry,
];

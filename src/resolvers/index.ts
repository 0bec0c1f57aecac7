import type { NonEmptyArray } from 'type-graphql';
import { AccountResolver } from './account.resolver';
import { ApiKeyResolver } from './api-key.resolver';
import { SecurityEventResolver } from './security-event.resolver';
import { UserResolver } from './user.resolver';
import { WizardOptionSetResolver } from './wizard-option-set.resolver';
import { WizardOptionResolver } from './wizard-option.resolver';
import { WizardStepResolver } from './wizard-step.resolver';
import { WizardResolver } from './wizard.resolver';
import { WizardAuthoringResolver } from './wizard-authoring.resolver';
import { StepAuthoringResolver } from './step-authoring.resolver';
import { AuditLogResolver } from './audit-log.resolver';
import { FlowRuleAuthoringResolver } from './flow-rule-authoring.resolver';
import { DependencyAuthoringResolver } from './dependency-authoring.resolver';
import { PublishingResolver } from './publishing.resolver';
import { OptionSetAuthoringResolver } from './option-set-authoring.resolver';
import { OptionAuthoringResolver } from './option-authoring.resolver';
import { WizardTransferResolver } from './wizard-transfer.resolver';
import { SessionResolver } from './sessions/session.resolver';
import { SessionFieldsResolver } from './sessions/session-fields.resolver';
import { SharingResolver } from './sessions/sharing.resolver';
import { AnalyticsResolver } from './analytics.resolver';
import { SessionSubscriptionResolver } from './sessions/subscription.resolver';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const RESOLVERS: NonEmptyArray<Function> = [
  AccountResolver,
  ApiKeyResolver,
  UserResolver,
  SecurityEventResolver,
  WizardResolver,
  WizardStepResolver,
  WizardOptionSetResolver,
  WizardOptionResolver,
  WizardAuthoringResolver,
  StepAuthoringResolver,
  OptionSetAuthoringResolver,
  OptionAuthoringResolver,
  AuditLogResolver,
  FlowRuleAuthoringResolver,
  DependencyAuthoringResolver,
  PublishingResolver,
  WizardTransferResolver,
  SessionResolver,
  SessionFieldsResolver,
  SharingResolver,
  AnalyticsResolver,
  SessionSubscriptionResolver,
];

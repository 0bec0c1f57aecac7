import { InitialSchema1795345200000 } from './1795345200000-initial-schema';
import { ApiKeys1795430000000 } from './1795430000000-api-keys';
import { SecurityEvents1795440000000 } from './1795440000000-security-events';
import { RowLevelSecurity1795500000000 } from './1795500000000-row-level-security';
import { LoginThrottle1795700000000 } from './1795700000000-login-throttle';
import { AuditLog1795800000000 } from './1795800000000-audit-log';
import { SessionRuntime1795900000000 } from './1795900000000-session-runtime';
import { IndexFriendlySessionPolicies1796000000000 } from './1796000000000-index-friendly-session-policies';
import { WizardCounterDeltas1796100000000 } from './1796100000000-wizard-counter-deltas';
import { WizardDefinitionRevision1796200000000 } from './1796200000000-wizard-definition-revision';
import { PlanCachedSessionChecks1796300000000 } from './1796300000000-plan-cached-session-checks';
import { ReadableCounterDeltas1796400000000 } from './1796400000000-readable-counter-deltas';
import { SubplanSessionPolicies1796500000000 } from './1796500000000-subplan-session-policies';
import { SessionReferenceIndexes1796600000000 } from './1796600000000-session-reference-indexes';

/** Every migration, oldest first. Listed explicitly so builds and tests need no file globbing. */
export const MIGRATIONS = [
  InitialSchema1795345200000,
  ApiKeys1795430000000,
  SecurityEvents1795440000000,
  RowLevelSecurity1795500000000,
  LoginThrottle1795700000000,
  AuditLog1795800000000,
  SessionRuntime1795900000000,
  IndexFriendlySessionPolicies1796000000000,
  WizardCounterDeltas1796100000000,
  WizardDefinitionRevision1796200000000,
  PlanCachedSessionChecks1796300000000,
  ReadableCounterDeltas1796400000000,
  SubplanSessionPolicies1796500000000,
  SessionReferenceIndexes1796600000000,
];

import { InitialSchema1795345200000 } from './1795345200000-initial-schema';
import { ApiKeys1795430000000 } from './1795430000000-api-keys';
import { SecurityEvents1795440000000 } from './1795440000000-security-events';
import { RowLevelSecurity1795500000000 } from './1795500000000-row-level-security';
import { LoginThrottle1795700000000 } from './1795700000000-login-throttle';
import { AuditLog1795800000000 } from './1795800000000-audit-log';
import { SessionRuntime1795900000000 } from './1795900000000-session-runtime';

/** Every migration, oldest first. Listed explicitly so builds and tests need no file globbing. */
export const MIGRATIONS = [
  InitialSchema1795345200000,
  ApiKeys1795430000000,
  SecurityEvents1795440000000,
  RowLevelSecurity1795500000000,
  LoginThrottle1795700000000,
  AuditLog1795800000000,
  SessionRuntime1795900000000,
];

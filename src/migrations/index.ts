import { InitialSchema1795345200000 } from './1795345200000-initial-schema';
import { ApiKeys1795430000000 } from './1795430000000-api-keys';
import { SecurityEvents1795440000000 } from './1795440000000-security-events';
import { LoginThrottle1795700000000 } from './1795700000000-login-throttle';

/** Every migration, oldest first. Listed explicitly so builds and tests need no file globbing. */
export const MIGRATIONS = [
  InitialSchema1795345200000,
  ApiKeys1795430000000,
  SecurityEvents1795440000000,
  LoginThrottle1795700000000,
];

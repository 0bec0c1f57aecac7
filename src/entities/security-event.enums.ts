import { registerEnumType } from 'type-graphql';

/** What happened (security_events.kind). */
export enum SecurityEventKind {
  LOGIN_FAILED = 'LOGIN_FAILED',
  LOGIN_THROTTLED = 'LOGIN_THROTTLED',
  TOKEN_REJECTED = 'TOKEN_REJECTED',
  API_KEY_REJECTED = 'API_KEY_REJECTED',
  ACCESS_FORBIDDEN = 'ACCESS_FORBIDDEN',
  ROLE_CHANGED = 'ROLE_CHANGED',
  USER_ACTIVATION_CHANGED = 'USER_ACTIVATION_CHANGED',
}

/** How much attention it deserves (security_events.severity). */
export enum SecuritySeverity {
  INFO = 'INFO',
  WARNING = 'WARNING',
  CRITICAL = 'CRITICAL',
}

registerEnumType(SecurityEventKind, {
  name: 'SecurityEventKind',
  description: 'The kind of a security event.',
  valuesConfig: {
    LOGIN_FAILED: { description: 'A log-in with a wrong password or an unknown email.' },
    LOGIN_THROTTLED: {
      description: 'A log-in refused because the account must wait or is locked.',
    },
    TOKEN_REJECTED: { description: 'A bad, expired or revoked access token.' },
    API_KEY_REJECTED: { description: 'A bad, expired or revoked API key.' },
    ACCESS_FORBIDDEN: { description: 'An authenticated caller asked for something not theirs.' },
    ROLE_CHANGED: { description: "A SUPER_ADMIN changed a user's role." },
    USER_ACTIVATION_CHANGED: { description: 'A SUPER_ADMIN activated or deactivated a user.' },
  },
});
registerEnumType(SecuritySeverity, {
  name: 'SecuritySeverity',
  description: 'How much attention a security event deserves.',
  valuesConfig: {
    INFO: { description: 'Expected administration.' },
    WARNING: { description: 'Worth a look when it repeats.' },
    CRITICAL: { description: 'Needs attention.' },
  },
});

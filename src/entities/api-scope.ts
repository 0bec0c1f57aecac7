import { registerEnumType } from 'type-graphql';

/** What a partner API key may do; stored as the string values. */
export enum ApiScope {
  WIZARDS_READ = 'wizards:read',
  WIZARDS_WRITE = 'wizards:write',
  SESSIONS_READ = 'sessions:read',
  SESSIONS_WRITE = 'sessions:write',
  ANALYTICS_READ = 'analytics:read',
}

registerEnumType(ApiScope, {
  name: 'ApiScope',
  description: 'A permission an API key can carry.',
  valuesConfig: {
    WIZARDS_READ: { description: 'Read wizard definitions the owner may see (wizards:read).' },
    WIZARDS_WRITE: { description: 'Author wizards, if the owner may (wizards:write).' },
    SESSIONS_READ: { description: "Read the owner's sessions (sessions:read)." },
    SESSIONS_WRITE: { description: 'Run sessions as the owner (sessions:write).' },
    ANALYTICS_READ: { description: 'Read analytics, if the owner may (analytics:read).' },
  },
});

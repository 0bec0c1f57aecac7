import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Secrets generated once for a zero-setup install and kept under the data directory. */
export interface LocalSecrets {
  embeddedDbPassword: string;
  /** Signs access tokens when JWT_SECRET is not set (development and the embedded default). */
  jwtSecret: string;
  /** AES-256-GCM key (base64, 32 bytes) for private answers when SESSION_DATA_KEY is not set. */
  sessionDataKey: string;
}

/**
 * Reads `<dataDir>/secrets.json`, creating it (mode 0600) with fresh random values on first use.
 * Synchronous because ormconfig.ts must build its DataSource options at import time.
 */
export function loadLocalSecrets(dataDir: string): LocalSecrets {
  const file = join(dataDir, 'secrets.json');
  const stored: Partial<LocalSecrets> = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<LocalSecrets>)
    : {};
  const secrets: LocalSecrets = {
    embeddedDbPassword:
      valid(stored.embeddedDbPassword, 16) ?? randomBytes(24).toString('base64url'),
    jwtSecret: valid(stored.jwtSecret, 32) ?? randomBytes(48).toString('base64url'),
    sessionDataKey: validKey(stored.sessionDataKey) ?? randomBytes(32).toString('base64'),
  };
  if (
    secrets.embeddedDbPassword !== stored.embeddedDbPassword ||
    secrets.jwtSecret !== stored.jwtSecret ||
    secrets.sessionDataKey !== stored.sessionDataKey
  ) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return secrets;
}

function valid(value: unknown, minLength: number): string | undefined {
  return typeof value === 'string' && value.length >= minLength ? value : undefined;
}

function validKey(value: unknown): string | undefined {
  return typeof value === 'string' && Buffer.from(value, 'base64').length === 32
    ? value
    : undefined;
}

import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Secrets generated once for a zero-setup install and kept under the data directory. */
export interface LocalSecrets {
  embeddedDbPassword: string;
  /** Signs access tokens when JWT_SECRET is not set (development and the embedded default). */
  jwtSecret: string;
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
  };
  if (
    secrets.embeddedDbPassword !== stored.embeddedDbPassword ||
    secrets.jwtSecret !== stored.jwtSecret
  ) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return secrets;
}

function valid(value: unknown, minLength: number): string | undefined {
  return typeof value === 'string' && value.length >= minLength ? value : undefined;
}

import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Secrets generated once for a zero-setup install and kept under the data directory. */
export interface LocalSecrets {
  embeddedDbPassword: string;
}

/**
 * Reads `<dataDir>/secrets.json`, creating it (mode 0600) with fresh random values on first use.
 * Synchronous because ormconfig.ts must build its DataSource options at import time.
 */
export function loadLocalSecrets(dataDir: string): LocalSecrets {
  const file = join(dataDir, 'secrets.json');
  if (existsSync(file)) {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<LocalSecrets>;
    if (typeof parsed.embeddedDbPassword === 'string' && parsed.embeddedDbPassword.length >= 16) {
      return { embeddedDbPassword: parsed.embeddedDbPassword };
    }
  }
  mkdirSync(dataDir, { recursive: true });
  const secrets: LocalSecrets = { embeddedDbPassword: randomBytes(24).toString('base64url') };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

import type { AppConfig } from '../config';
import { loadLocalSecrets } from './local-secrets';

export const EMBEDDED_DB_USER = 'postgres';
export const EMBEDDED_DB_NAME = 'wizard_platform';

/** DATABASE_URL when given; otherwise the URL of the embedded cluster under the data directory. */
export function resolveDatabaseUrl(config: AppConfig): string {
  if (config.databaseUrl) return config.databaseUrl;
  const { embeddedDbPassword } = loadLocalSecrets(config.dataDir);
  return embeddedUrl(config.embeddedDbPort, embeddedDbPassword, EMBEDDED_DB_NAME);
}

export function embeddedUrl(port: number, password: string, database: string): string {
  return `postgres://${EMBEDDED_DB_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

import type { AppConfig } from '../config';
import { loadLocalSecrets } from '../database/local-secrets';

/** JWT_SECRET, or (outside production, which requires it) a secret generated once under DATA_DIR. */
export function resolveJwtSecret(config: Pick<AppConfig, 'jwtSecret' | 'dataDir'>): string {
  return config.jwtSecret ?? loadLocalSecrets(config.dataDir).jwtSecret;
}

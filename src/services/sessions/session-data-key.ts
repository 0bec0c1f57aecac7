import type { AppConfig } from '../../config';
import { loadLocalSecrets } from '../../database/local-secrets';

/** SESSION_DATA_KEY, or (outside production, which requires it) a key generated under DATA_DIR. */
export function resolveSessionDataKey(
  config: Pick<AppConfig, 'sessionDataKey' | 'dataDir'>,
): Buffer {
  return (
    config.sessionDataKey ?? Buffer.from(loadLocalSecrets(config.dataDir).sessionDataKey, 'base64')
  );
}

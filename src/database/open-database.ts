import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config';
import { EMBEDDED_DB_NAME } from './database-url';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded-postgres';
import { loadLocalSecrets } from './local-secrets';
import { join } from 'node:path';

export interface OpenDatabase {
  dataSource: DataSource;
  /** True when this process started the embedded cluster (so a fresh install can be seeded). */
  embedded: boolean;
  /** Where the embedded cluster keeps its data (when embedded). */
  clusterDirectory?: string;
  close(): Promise<void>;
}

/**
 * Brings the database up: starts the embedded cluster when no DATABASE_URL is configured, then
 * initializes the given DataSource. close() undoes both, in reverse order.
 */
export async function openDatabase(
  dataSource: DataSource,
  config: AppConfig,
  logger: Logger,
): Promise<OpenDatabase> {
  let embedded: EmbeddedDatabase | undefined;
  if (!config.databaseUrl) {
    embedded = await startEmbeddedPostgres({
      directory: join(config.dataDir, 'postgres'),
      port: config.embeddedDbPort,
      password: loadLocalSecrets(config.dataDir).embeddedDbPassword,
      databases: [EMBEDDED_DB_NAME],
      persistent: true,
      logger,
    });
    logger.info(
      { port: embedded.port, directory: embedded.directory },
      'embedded PostgreSQL started',
    );
  }
  try {
    await dataSource.initialize();
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  return {
    dataSource,
    embedded: embedded !== undefined,
    clusterDirectory: embedded?.directory,
    close: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
      if (embedded) await embedded.stop();
    },
  };
}

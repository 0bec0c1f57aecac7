import type { DataSourceOptions, Logger } from 'typeorm';
import type { AppConfig } from '../config';
import { ENTITIES } from '../entities';
import { MIGRATIONS } from '../migrations';

/**
 * The one description of how the app talks to PostgreSQL. ormconfig.ts builds the app's DataSource
 * from it, and tests build theirs (pointing at their own database) from the same function.
 */
export function dataSourceOptions(
  url: string,
  config: Pick<AppConfig, 'dbPoolSize' | 'dbStatementTimeoutMs'>,
  logger?: Logger,
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    poolSize: config.dbPoolSize,
    applicationName: 'multi-wizard-platform',
    extra: { statement_timeout: config.dbStatementTimeoutMs },
    ...(logger ? { logger, logging: ['query', 'error'] as const } : { logging: false }),
  };
}

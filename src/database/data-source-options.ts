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
  config: Pick<AppConfig, 'dbPoolSize' | 'dbStatementTimeoutMs'> &
    Partial<Pick<AppConfig, 'dbConnectTimeoutMs'>>,
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
    // A request holds one connection and system work (security events, log-ins) takes another:
    // waiting for a free one is bounded, so pool exhaustion fails requests instead of hanging.
    extra: {
      statement_timeout: config.dbStatementTimeoutMs,
      connectionTimeoutMillis: config.dbConnectTimeoutMs ?? 10_000,
    },
    ...(logger ? { logger, logging: ['query', 'error'] as const } : { logging: false }),
  };
}

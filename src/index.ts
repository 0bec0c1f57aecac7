import 'reflect-metadata';
import type { Logger } from 'pino';
import { ConfigError, loadConfig, type AppConfig } from './config';
import { openDatabase, type OpenDatabase } from './database/open-database';
import { StartupError } from './errors/startup-error';
import { createLogger } from './logger';
import { isEmptyDatabase, presentDemoAccounts, seedDemoData } from './seed/seed-demo-data';
import { startServer, type RunningServer } from './server';
import { startupBanner } from './startup-banner';

/** Seeds the demo wizards on the first start of an empty embedded database. */
async function seedIfFresh(db: OpenDatabase, config: AppConfig, logger: Logger): Promise<void> {
  if (!db.embedded || !config.demoData || !(await isEmptyDatabase(db.dataSource))) return;
  const report = await seedDemoData(db.dataSource);
  logger.info(report, 'empty embedded database: demo data loaded');
}

async function announce(
  server: RunningServer,
  db: OpenDatabase,
  config: AppConfig,
  logger: Logger,
): Promise<void> {
  const demoAccounts = await presentDemoAccounts(db.dataSource);
  logger.info({ url: server.url }, 'server ready');
  process.stdout.write(
    startupBanner({
      url: server.url,
      ide: config.graphqlIde,
      embedded: db.embedded,
      // Where the cluster really is (outside a private clone when run as root).
      dataDir: db.clusterDirectory ?? config.dataDir,
      demoAccounts,
    }),
  );
}

/** Process entry: config, database, migrations, demo data, server, and a graceful shutdown. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config);
  // Loaded only now: ormconfig reads the config at import time, which must fail with a message
  // (above) rather than a stack trace.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { default: dataSource } = require('../ormconfig') as typeof import('../ormconfig');
  const db = await openDatabase(dataSource, config, logger);
  let server: RunningServer | undefined;
  let stopping = false;
  const shutdown = async (reason: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ reason }, 'shutting down');
    const timer = setTimeout(() => {
      logger.error('shutdown timed out; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs + 5_000);
    try {
      await server?.stop();
      await db.close();
      logger.info('shutdown complete');
    } finally {
      clearTimeout(timer);
    }
  };
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    process.once(signal, () => void shutdown(signal));
  }
  // A crash still stops the embedded cluster, so the next start does not find it running.
  const crash = (error: unknown) => {
    logger.fatal({ err: error }, 'unexpected error; stopping');
    void shutdown('crash').finally(() => process.exit(1));
  };
  process.once('uncaughtException', crash);
  process.once('unhandledRejection', crash);
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    if (applied.length > 0)
      logger.info({ applied: applied.map((m) => m.name) }, 'migrations applied');
    await seedIfFresh(db, config, logger);
    server = await startServer({ config, dataSource, logger });
    await announce(server, db, config, logger);
  } catch (error) {
    logger.fatal({ err: error }, 'start-up failed');
    await db.close();
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  // Config and start-up problems are the user's to fix: say what to do, without a stack trace.
  const forUser = error instanceof ConfigError || error instanceof StartupError;
  console.error(forUser ? error.message : error);
  process.exit(1);
});

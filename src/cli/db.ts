import 'reflect-metadata';
import { loadConfig } from '../config';
import { openDatabase } from '../database/open-database';
import { pendingSchemaChanges } from '../database/schema-drift';
import { createLogger } from '../logger';

/** `npm run db:migrate | db:revert | db:check` on the configured (or embedded) database. */
async function main(command: string | undefined): Promise<number> {
  const config = loadConfig();
  const logger = createLogger(config);
  // Loaded only now: ormconfig reads the config at import time, and a bad one must end in the
  // message below, not a stack trace.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { default: dataSource } = require('../../ormconfig') as typeof import('../../ormconfig');
  const db = await openDatabase(dataSource, config, logger);
  try {
    switch (command) {
      case 'migrate': {
        const applied = await dataSource.runMigrations({ transaction: 'each' });
        logger.info(
          { applied: applied.map((m) => m.name) },
          `applied ${applied.length} migration(s)`,
        );
        return 0;
      }
      case 'revert': {
        await dataSource.undoLastMigration({ transaction: 'each' });
        logger.info('reverted the last migration');
        return 0;
      }
      case 'check': {
        if (await dataSource.showMigrations()) {
          logger.error('there are migrations that have not been applied; run npm run db:migrate');
          return 1;
        }
        const changes = await pendingSchemaChanges(dataSource);
        if (changes.length > 0) {
          logger.error({ changes }, 'entities and migrations disagree; a migration is needed');
          return 1;
        }
        logger.info('entities and migrations agree');
        return 0;
      }
      default:
        logger.error(`unknown command "${command ?? ''}"; use migrate, revert or check`);
        return 2;
    }
  } finally {
    await db.close();
  }
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);

import 'reflect-metadata';
import { loadConfig } from '../config';
import { openDatabase } from '../database/open-database';
import { createLogger } from '../logger';
import { DEMO_ACCOUNTS } from '../seed/demo-accounts';
import { seedDemoData } from '../seed/seed-demo-data';

/** `npm run seed`: migrates, then adds whatever demo data is missing. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config);
  // Loaded only now: ormconfig reads the config at import time, and a bad one must end in the
  // message below, not a stack trace.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { default: dataSource } = require('../../ormconfig') as typeof import('../../ormconfig');
  const db = await openDatabase(dataSource, config, logger);
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    const report = await seedDemoData(dataSource);
    logger.info(report, 'demo data seeded');
    for (const account of DEMO_ACCOUNTS) {
      console.log(`demo account: ${account.email} / ${account.password} (${account.role})`);
    }
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

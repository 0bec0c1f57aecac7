// The schema and the data set both servers read: the N+1 test's 20 × 10 × 5 × 8 generated wizards.
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { LARGE_SHAPE } from '../test/fixtures/generated-wizards';
import { insertGeneratedWizards } from '../test/helpers/fixtures';

export const WIZARD_COUNT = 20;
export const SHAPE = LARGE_SHAPE;

export interface Dataset {
  wizardIds: number[];
  serverVersion: string;
}

/** Migrates the empty database, loads the wizards and refreshes the planner's statistics. */
export async function loadDataset(url: string): Promise<Dataset> {
  const dataSource = new DataSource(
    dataSourceOptions(url, { dbPoolSize: 10, dbStatementTimeoutMs: 30_000 }),
  );
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    const ids = await insertGeneratedWizards(dataSource, WIZARD_COUNT, SHAPE);
    // Fresh tables have no statistics until autovacuum gets to them; both servers get the same plans.
    await dataSource.query('ANALYZE');
    const [{ server_version }] =
      await dataSource.query<{ server_version: string }[]>('SHOW server_version');
    return { wizardIds: ids, serverVersion: server_version };
  } finally {
    await dataSource.destroy();
  }
}

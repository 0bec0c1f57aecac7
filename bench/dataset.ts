// The schema and the data set both servers read: the N+1 test's 20 × 10 × 5 × 8 generated wizards.
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { LARGE_SHAPE } from '../test/fixtures/generated-wizards';
import { insertGeneratedWizards } from '../test/helpers/fixtures';

export const WIZARD_COUNT = 20;
export const SHAPE = LARGE_SHAPE;

/** Migrates the empty database, loads the wizards, refreshes planner statistics; returns the ids. */
export async function loadDataset(url: string): Promise<number[]> {
  const dataSource = new DataSource(
    dataSourceOptions(url, { dbPoolSize: 10, dbStatementTimeoutMs: 30_000 }),
  );
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    const ids = await insertGeneratedWizards(dataSource, WIZARD_COUNT, SHAPE);
    // Fresh tables have no statistics until autovacuum gets to them; both servers get the same plans.
    await dataSource.query('ANALYZE');
    return ids;
  } finally {
    await dataSource.destroy();
  }
}

// The wizard whose activity the subscribers follow: the session tests' three-step linear wizard
// (published, active, public), stored the way the tests store it.
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { linearWizard } from '../../test/fixtures/session-wizards';
import { storeWizards, type WizardIds } from '../../test/helpers/sessions';

/** Stores the wizard in the (already migrated) database; returns its ids by key. */
export async function storeBenchWizard(databaseUrl: string): Promise<WizardIds> {
  const dataSource = new DataSource(
    dataSourceOptions(databaseUrl, { dbPoolSize: 2, dbStatementTimeoutMs: 30_000 }),
  );
  await dataSource.initialize();
  try {
    const [ids] = await storeWizards(dataSource, [linearWizard]);
    return ids;
  } finally {
    await dataSource.destroy();
  }
}

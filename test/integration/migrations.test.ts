import { pendingSchemaChanges } from '../../src/database/schema-drift';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

describe('db:check', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('finds nothing to generate after the migrations', async () => {
    expect(await pendingSchemaChanges(db.dataSource)).toEqual([]);
  });

  it('finds the difference when the database drifts from the entities', async () => {
    await db.dataSource.query('DROP INDEX idx_wizards_featured');
    await db.dataSource.query('ALTER TABLE wizard_steps ALTER COLUMN step_name TYPE varchar(120)');
    const changes = await pendingSchemaChanges(db.dataSource);
    expect(changes.some((sql) => sql.includes('idx_wizards_featured'))).toBe(true);
    expect(changes.some((sql) => sql.includes('step_name'))).toBe(true);
  });
});

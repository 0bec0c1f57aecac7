import { DataSource } from 'typeorm';
import { ANONYMOUS } from '../../src/auth/viewer';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { RequestDatabase } from '../../src/database/request-database';
import { TEST_DB_CONFIG } from '../helpers/test-database-url';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

/**
 * A bearer token's account check opens the request's transaction with a statement each
 * connection prepares once (SQL PREPARE) and then only executes.
 */
describe("the token's account check", () => {
  let db: TestDatabase;
  /** One connection: every request below runs on the connection that prepared the statement. */
  let single: DataSource;
  let userId: number;

  beforeAll(async () => {
    db = await createTestDatabase();
    [{ user_id: userId }] = await db.dataSource.query<{ user_id: number }[]>(
      `INSERT INTO users (email, password_hash, user_role) VALUES ('a@example.com', 'h', 'ADMIN')
       RETURNING user_id`,
    );
    single = new DataSource(dataSourceOptions(db.url, { ...TEST_DB_CONFIG, dbPoolSize: 1 }));
    await single.initialize();
  });
  afterAll(async () => {
    if (single?.isInitialized) await single.destroy();
    await db?.drop();
  });

  /** One request's opening: the account it read and the settings it runs with. */
  const open = async (id = userId) => {
    const rdb = new RequestDatabase(single, ANONYMOUS);
    try {
      const account = await rdb.openForAccount(id);
      const [settings] = await rdb.read<{ user_id: string; role: string; context: string }>({
        text: `SELECT current_setting('app.user_id', true) AS user_id,
                      current_setting('app.user_role', true) AS role,
                      current_setting('app.context', true) AS context`,
      });
      return { account, settings };
    } finally {
      await rdb.finish(false);
    }
  };
  /** The account statements the one connection holds. */
  const prepared = async () =>
    (
      await single.query<{ name: string }[]>(
        "SELECT name FROM pg_prepared_statements WHERE name LIKE 'mwp_account_settings%'",
      )
    ).map((row) => row.name);

  it('reads the account and sets the viewer, preparing once per connection', async () => {
    for (let i = 0; i < 3; i++) {
      const { account, settings } = await open();
      expect(account).toMatchObject({ user_id: userId, user_role: 'ADMIN', is_active: true });
      expect(settings).toEqual({ user_id: String(userId), role: 'ADMIN', context: 'request' });
    }
    // A second PREPARE of the same name would have failed the request: it was prepared once.
    expect(await prepared()).toHaveLength(1);
  });

  it('reads no account, and sets no viewer, for an id with none', async () => {
    const { account, settings } = await open(userId + 1000);
    expect(account).toBeUndefined();
    expect(settings.user_id).toBe('');
  });

  it('prepares afresh after the connection lost the statement (the failing request fails)', async () => {
    await single.query('DEALLOCATE ALL');
    await expect(open()).rejects.toThrow(/does not exist/);
    const { account } = await open();
    expect(account).toMatchObject({ user_id: userId });
    expect(await prepared()).toHaveLength(1);
  });
});

import { registerAccount, type TestAccount } from '../helpers/accounts';
import { linearWizard } from '../fixtures/session-wizards';
import { dataStatements, QueryRecorder } from '../helpers/query-recorder';
import { ok, SessionDriver, storeWizards, type WizardIds } from '../helpers/sessions';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { startTestServer, type TestServer } from '../helpers/test-server';

const UPDATE_OPTION = `mutation($input: UpdateOptionInput!) {
  updateOption(input: $input) { option { id price } } }`;

/** Tables a wizard's definition is read from. */
const DEFINITION_TABLES =
  /FROM "(wizard_steps|wizard_option_sets|wizard_options|wizard_flow_rules|wizard_option_dependencies|wizard_set_dependencies)"/;

describe('the wizard definition cache', () => {
  const recorder = new QueryRecorder();
  let db: TestDatabase;
  let server: TestServer;
  let ids: WizardIds;
  let admin: TestAccount;
  let user: TestAccount;

  beforeAll(async () => {
    db = await createTestDatabase({ logger: recorder });
    server = await startTestServer(db.dataSource);
    [ids] = await storeWizards(db.dataSource, [linearWizard]);
    admin = await registerAccount(server, db.dataSource, 'cache-author@example.com', 'ADMIN');
    user = await registerAccount(server, db.dataSource, 'cache-user@example.com');
  });

  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });

  async function previewedPrice(driver: SessionDriver): Promise<string> {
    const preview = ok(await driver.preview('one', { pick: { options: ['a'] } })).previewStep;
    return preview.price.total as string;
  }

  const revision = async () =>
    (
      await db.dataSource.query<{ definition_revision: string }[]>(
        'SELECT definition_revision FROM wizards WHERE wizard_id = $1',
        [ids.wizardId],
      )
    )[0].definition_revision;

  it('reads a definition once while it is current: a submit reads none of its tables', async () => {
    const driver = new SessionDriver(server, ids, user.headers);
    await driver.start();
    const statements = dataStatements(
      await recorder.during(async () =>
        ok(await driver.submit('one', { pick: { options: ['a'] } })),
      ),
    );
    expect(statements.filter((sql) => DEFINITION_TABLES.test(sql))).toEqual([]);
    expect(statements.length).toBeGreaterThan(0);
  });

  it('sees a change an author makes through the API at once', async () => {
    const driver = new SessionDriver(server, ids, user.headers);
    await driver.start();
    expect(await previewedPrice(driver)).toBe('10.00');
    ok(
      await server.graphql(
        UPDATE_OPTION,
        { input: { id: ids.option['one.pick.a'], price: '55.00' } },
        admin.headers,
      ),
    );
    expect(await previewedPrice(driver)).toBe('55.00');
  });

  it('sees a change made elsewhere (another instance, plain SQL) at once', async () => {
    const driver = new SessionDriver(server, ids, user.headers);
    await driver.start();
    await previewedPrice(driver);
    await db.dataSource.query('UPDATE wizard_options SET option_price = 77 WHERE option_id = $1', [
      ids.option['one.pick.a'],
    ]);
    expect(await previewedPrice(driver)).toBe('77.00');
    expect((await driver.read()).progress.totalSteps).toBe(3);
    await db.dataSource.query('UPDATE wizard_steps SET is_active = false WHERE step_id = $1', [
      ids.step['two'],
    ]);
    try {
      expect((await driver.read()).progress.totalSteps).toBe(2);
    } finally {
      await db.dataSource.query('UPDATE wizard_steps SET is_active = true WHERE step_id = $1', [
        ids.step['two'],
      ]);
    }
  });

  it('moves the revision on every definition change, and not on counters', async () => {
    const before = await revision();
    const driver = new SessionDriver(server, ids, user.headers);
    await driver.start();
    for (const step of ['one', 'two', 'three'])
      ok(await driver.submit(step, { pick: { options: ['b'] } }));
    ok(await driver.complete());
    expect(await revision()).toBe(before);
    await db.dataSource.query("UPDATE wizards SET wizard_name = 'Renamed' WHERE wizard_id = $1", [
      ids.wizardId,
    ]);
    const renamed = await revision();
    expect(renamed).not.toBe(before);
    await db.dataSource.query(
      'UPDATE wizard_flow_rules SET priority = priority WHERE wizard_id = $1',
      [ids.wizardId],
    );
    await db.dataSource.query(
      `INSERT INTO wizard_flow_rules (wizard_id, from_step_id, to_step_id, rule_name)
       VALUES ($1, $2, $3, 'added') RETURNING rule_id`,
      [ids.wizardId, ids.step['one'], ids.step['three']],
    );
    expect(await revision()).not.toBe(renamed);
    await db.dataSource.query(`DELETE FROM wizard_flow_rules WHERE rule_name = 'added'`);
  });

  it('never reuses a revision number of a change that was rolled back', async () => {
    const before = await revision();
    const runner = db.dataSource.createQueryRunner();
    await runner.startTransaction();
    await runner.query('UPDATE wizard_options SET option_price = 1 WHERE option_id = $1', [
      ids.option['one.pick.b'],
    ]);
    const [{ definition_revision: inside }] = (await runner.query(
      'SELECT definition_revision FROM wizards WHERE wizard_id = $1',
      [ids.wizardId],
    )) as { definition_revision: string }[];
    await runner.rollbackTransaction();
    await runner.release();
    expect(await revision()).toBe(before);
    await db.dataSource.query('UPDATE wizard_options SET option_price = 2 WHERE option_id = $1', [
      ids.option['one.pick.b'],
    ]);
    expect(await revision()).not.toBe(inside);
  });
});

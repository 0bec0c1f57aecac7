import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { registerAccount, type TestAccount } from '../helpers/accounts';
import { linearWizard } from '../fixtures/session-wizards';
import { CLONE_SHARED, REPLAY, SHARE } from '../helpers/sharing';
import { ok, SessionDriver, storeWizards, type WizardIds } from '../helpers/sessions';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { TEST_DB_CONFIG } from '../helpers/test-database-url';
import { startTestServer, type TestServer } from '../helpers/test-server';

const POOL_SIZE = 5;
const WIZARD = `query($key: String!) { wizard(key: $key) { id key steps { key } } }`;

/**
 * A request that held its pooled connection while waiting for a second one starved the pool
 * under load: every connection held, every holder waiting. Copies now do their system reads on
 * the request's own connection.
 */
describe('copies under load on a small pool', () => {
  let db: TestDatabase;
  let small: DataSource;
  let server: TestServer;
  let ids: WizardIds;
  let owner: TestAccount;
  let cloners: TestAccount[];

  beforeAll(async () => {
    db = await createTestDatabase();
    // A pool of five, and a short wait for a connection: starvation shows as errors, not hangs.
    small = new DataSource(
      dataSourceOptions(db.url, {
        ...TEST_DB_CONFIG,
        dbPoolSize: POOL_SIZE,
        dbConnectTimeoutMs: 5000,
      }),
    );
    await small.initialize();
    server = await startTestServer(small);
    [ids] = await storeWizards(small, [{ ...linearWizard, isPublic: true }]);
    owner = await registerAccount(server, small, 'owner@example.com');
    cloners = [];
    for (let i = 0; i < 6; i += 1)
      cloners.push(await registerAccount(server, small, `cloner${i}@example.com`));
  });

  afterAll(async () => {
    await server?.stop();
    await small?.destroy();
    await db?.drop();
  });

  it('runs 30 concurrent clones through shares and 12 replays, starving no reader', async () => {
    const driver = new SessionDriver(server, ids, owner.headers);
    await driver.start();
    ok(await driver.submit('one', { pick: { options: ['a'] } }));
    const shared = ok(
      await server.graphql(
        SHARE,
        { input: { sessionId: driver.id, canClone: true } },
        owner.headers,
      ),
    ).shareSession as { shareToken: string };

    const clones = Array.from({ length: 30 }, (_, i) =>
      server.graphql(
        CLONE_SHARED,
        { input: { token: shared.shareToken } },
        cloners[i % cloners.length].headers,
      ),
    );
    const replays = Array.from({ length: 12 }, () =>
      server.graphql(REPLAY, { input: { sessionId: driver.id } }, owner.headers),
    );
    const reads = Array.from({ length: 10 }, () =>
      server.graphql(WIZARD, { key: linearWizard.key }),
    );
    const [cloned, replayed, read] = await Promise.all([
      Promise.all(clones),
      Promise.all(replays),
      Promise.all(reads),
    ]);
    const errors = [...cloned, ...replayed, ...read].flatMap(
      (response) => response.body.errors ?? [],
    );
    expect(errors).toEqual([]);
    expect(read.every((response) => ok(response).wizard.key === linearWizard.key)).toBe(true);
    const [{ copies }] = await small.query<{ copies: number }[]>(
      'SELECT count(*)::int AS copies FROM wizard_session_replays WHERE original_session_id = $1',
      [driver.id],
    );
    expect(copies).toBe(42);
    const [{ uses }] = await small.query<{ uses: number }[]>(
      'SELECT use_count AS uses FROM wizard_session_shares WHERE session_id = $1',
      [driver.id],
    );
    expect(uses).toBe(30);
  });
});

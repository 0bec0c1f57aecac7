import type { Client } from 'graphql-ws';
import { sessionWizards } from '../fixtures/session-wizards';
import { sessionEvents } from '../../src/events/session-events';
import { registerAccount, type TestAccount } from '../helpers/accounts';
import { QueryRecorder } from '../helpers/query-recorder';
import { ok, SessionDriver, storeWizards, type WizardIds } from '../helpers/sessions';
import { listening, Stream, subscriptionClient } from '../helpers/subscriptions';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { startTestServer, type TestServer } from '../helpers/test-server';

const WIZARD_ACTIVITY = `subscription($id: ID!) { wizardActivity(wizardId: $id) { id type } }`;
const CREATE_KEY = `mutation($input: CreateApiKeyInput!) {
  createApiKey(input: $input) { apiKey { id } secret } }`;
const REVOKE_KEY = `mutation($input: RevokeApiKeyInput!) { revokeApiKey(input: $input) { __typename } }`;
const CHANGE_PASSWORD = `mutation($input: ChangePasswordInput!) { changePassword(input: $input) { token } }`;
/** The statement that checks every subscriber of an event at once (ViewerCurrency). */
const VIEWER_CHECK = /FROM unnest\(\$1::int\[\], \$2::int\[\]\) AS wanted/;

/** Reading activity rows by id (the feed's one read per event). */
const ACTIVITY_READ = /FROM "wizard_session_activity_log".*"log_id" IN \(/s;

describe("a subscriber's account is checked again for every event", () => {
  let db: TestDatabase;
  let server: TestServer;
  let ids: WizardIds;
  let owner: TestAccount;
  const queries = new QueryRecorder();
  const clients: Client[] = [];

  const follow = (connectionParams: Record<string, string>) => {
    const client = subscriptionClient(server.port, connectionParams);
    clients.push(client);
    return new Stream(client, WIZARD_ACTIVITY, { id: ids.wizardId });
  };
  const author = (email: string) => registerAccount(server, db.dataSource, email, 'ADMIN');
  const bearer = (account: TestAccount) => ({ authorization: `Bearer ${account.token}` });
  const codeOf = (stream: Stream) => stream.error?.extensions?.code ?? stream.error?.message;

  beforeAll(async () => {
    db = await createTestDatabase({ logger: queries });
    server = await startTestServer(db.dataSource);
    [ids] = await storeWizards(db.dataSource, [sessionWizards.branch]);
    owner = await registerAccount(server, db.dataSource, 'runner@example.com');
  });

  afterAll(async () => {
    for (const client of clients) await client.dispose();
    await server?.stop();
    await db?.drop();
  });

  it('ends the streams of a lost role, a deactivated account, a new password and a revoked key', async () => {
    const [steady, demoted, deactivated, newPassword, keyOwner] = await Promise.all(
      ['steady', 'demoted', 'deactivated', 'new-password', 'key-owner'].map((name) =>
        author(`${name}@example.com`),
      ),
    );
    const created = ok(
      await server.graphql(
        CREATE_KEY,
        { input: { name: 'dashboard', scopes: ['SESSIONS_READ'] } },
        keyOwner.headers,
      ),
    ).createApiKey;
    const doomed = ok(
      await server.graphql(
        CREATE_KEY,
        { input: { name: 'doomed', scopes: ['SESSIONS_READ'] } },
        keyOwner.headers,
      ),
    ).createApiKey;
    const before = sessionEvents.listenerCount();
    const streams = {
      steady: follow(bearer(steady)),
      demoted: follow(bearer(demoted)),
      deactivated: follow(bearer(deactivated)),
      newPassword: follow(bearer(newPassword)),
      key: follow({ apiKey: created.secret }),
      deletedKey: follow({ apiKey: doomed.secret }),
    };
    await listening(before + 6);

    await db.dataSource.query(`UPDATE users SET user_role = 'USER' WHERE user_id = $1`, [
      demoted.id,
    ]);
    await db.dataSource.query('UPDATE users SET is_active = false WHERE user_id = $1', [
      deactivated.id,
    ]);
    ok(
      await server.graphql(
        CHANGE_PASSWORD,
        { input: { currentPassword: 'a long password', newPassword: 'another long password' } },
        newPassword.headers,
      ),
    );
    ok(await server.graphql(REVOKE_KEY, { input: { id: created.apiKey.id } }, keyOwner.headers));
    await db.dataSource.query('DELETE FROM api_keys WHERE api_key_id = $1', [doomed.apiKey.id]);

    const session = new SessionDriver(server, ids, owner.headers);
    const statements = await queries.during(async () => {
      await session.start();
      await streams.steady.until(() => streams.steady.events.length === 1);
      for (const stream of Object.values(streams))
        await stream.until(() => stream.done || stream.events.length === 1);
    });

    expect(streams.steady.events.map((event) => event.type)).toEqual(['SESSION_STARTED']);
    expect(streams.steady.error).toBeNull();
    expect(codeOf(streams.demoted)).toBe('FORBIDDEN');
    expect(codeOf(streams.deactivated)).toBe('UNAUTHENTICATED');
    expect(codeOf(streams.newPassword)).toBe('UNAUTHENTICATED');
    expect(codeOf(streams.key)).toBe('UNAUTHENTICATED');
    expect(codeOf(streams.deletedKey)).toBe('UNAUTHENTICATED');
    const { steady: _steady, ...ended } = streams;
    for (const stream of Object.values(ended)) expect(stream.events).toEqual([]);
    // Six subscribers, one event: their accounts are checked in one statement, not six.
    expect(statements.filter((sql) => VIEWER_CHECK.test(sql))).toHaveLength(1);
  });

  it('sends one event to many authors with one account check and one read of the row', async () => {
    const authors = await Promise.all(
      [1, 2, 3, 4, 5, 6].map((n) => author(`dashboard-${n}@example.com`)),
    );
    const before = sessionEvents.listenerCount();
    const streams = authors.map((account) => follow(bearer(account)));
    await listening(before + authors.length);
    const session = new SessionDriver(server, ids, owner.headers);
    const statements = await queries.during(async () => {
      await session.start();
      for (const stream of streams) await stream.until(() => stream.events.length === 1);
    });
    expect(new Set(streams.map((stream) => stream.events[0].id)).size).toBe(1);
    expect(statements.filter((sql) => VIEWER_CHECK.test(sql))).toHaveLength(1);
    expect(statements.filter((sql) => ACTIVITY_READ.test(sql))).toHaveLength(1);
  });
});

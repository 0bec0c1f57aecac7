import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { insertWizards } from '../helpers/fixtures';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { startTestServer, type TestServer } from '../helpers/test-server';

const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) { token user { id } } }`;
const DRAFT = '{ wizard(key: "ws-draft") { key } }';
const ME = '{ me { id } }';
const PASSWORD = 'a long password';

/**
 * A graphql-ws connection lives long; what happens to its credentials meanwhile (a role change,
 * deactivation, a revoked key, a new password) must apply to its next operation.
 */
describe('credentials of an open graphql-ws connection', () => {
  let db: TestDatabase;
  let server: TestServer;
  let root: string;
  const clients: Client[] = [];

  async function account(email: string, role = 'USER') {
    const { body } = await server.graphql(REGISTER, {
      input: { email, fullName: email, password: PASSWORD },
    });
    const { token, user } = body.data!.register;
    await db.dataSource.query('UPDATE users SET user_role = $1 WHERE user_id = $2', [
      role,
      user.id,
    ]);
    return { id: user.id as string, token: token as string };
  }

  /** An eager connection, kept open between operations. */
  function connect(connectionParams: Record<string, string>): Client {
    const client = createClient({
      url: `ws://127.0.0.1:${server.port}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: false,
      onNonLazyError: () => undefined,
      connectionParams,
    });
    clients.push(client);
    return client;
  }

  /** The first result's data, or the close code when the server closed the connection. */
  async function run(client: Client, query: string): Promise<unknown> {
    try {
      for await (const result of client.iterate({ query })) return result.data;
    } catch (error) {
      return (error as { code?: number }).code;
    }
  }

  const asRoot = (query: string) => server.graphql(query, {}, { authorization: `Bearer ${root}` });

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startTestServer(db.dataSource);
    root = (await account('root@example.com', 'SUPER_ADMIN')).token;
    await insertWizards(db.dataSource, [{ key: 'ws-draft', name: 'Draft', steps: [] }]);
  });
  afterAll(async () => {
    for (const client of clients) await client.dispose();
    await server?.stop();
    await db?.drop();
  });

  it('applies a role change to the next operation', async () => {
    const admin = await account('admin@example.com', 'ADMIN');
    const client = connect({ authorization: `Bearer ${admin.token}` });
    expect(await run(client, DRAFT)).toEqual({ wizard: { key: 'ws-draft' } });
    await asRoot(`mutation { setUserRole(input: { userId: "${admin.id}", role: USER }) {
      user { id } } }`);
    expect(await run(client, DRAFT)).toEqual({ wizard: null });
  });

  it('closes the connection of a deactivated user with 4403', async () => {
    const user = await account('leaving@example.com');
    const client = connect({ authorization: `Bearer ${user.token}` });
    expect(await run(client, ME)).toEqual({ me: { id: user.id } });
    await asRoot(`mutation { setUserActive(input: { userId: "${user.id}", isActive: false }) {
      user { id } } }`);
    expect(await run(client, ME)).toBe(4403);
  });

  it('closes the connection of a token issued before a password change with 4403', async () => {
    const user = await account('changing@example.com');
    const client = connect({ authorization: `Bearer ${user.token}` });
    expect(await run(client, ME)).toEqual({ me: { id: user.id } });
    const { body } = await server.graphql(
      `mutation { changePassword(input: { currentPassword: "${PASSWORD}",
        newPassword: "another long password" }) { token } }`,
      {},
      { authorization: `Bearer ${user.token}` },
    );
    expect(body.errors).toBeUndefined();
    expect(await run(client, ME)).toBe(4403);
  });

  it('closes the connection of a revoked API key with 4403', async () => {
    const owner = await account('partner@example.com');
    const session = { authorization: `Bearer ${owner.token}` };
    const { body } = await server.graphql(
      'mutation { createApiKey(input: { name: "k", scopes: [WIZARDS_READ] }) { secret apiKey { id } } }',
      {},
      session,
    );
    const { secret, apiKey } = body.data!.createApiKey;
    const client = connect({ apiKey: secret });
    expect(await run(client, ME)).toEqual({ me: { id: owner.id } });
    await server.graphql(
      `mutation { revokeApiKey(input: { id: "${apiKey.id}" }) { apiKey { id } } }`,
      {},
      session,
    );
    expect(await run(client, ME)).toBe(4403);
  });

  it("takes a guest session's token as the credential for that session only", async () => {
    await insertWizards(db.dataSource, [
      {
        key: 'ws-guest',
        name: 'Guest',
        published: true,
        requireLogin: false,
        steps: [
          {
            key: 'only',
            name: 'Only',
            optionSets: [{ key: 'pick', name: 'Pick', options: [{ key: 'one', label: 'One' }] }],
          },
        ],
      },
    ]);
    const start = async () => {
      const { body } = await server.graphql(
        'mutation { startSession(input: { wizardKey: "ws-guest" }) { sessionToken session { id } } }',
      );
      return body.data!.startSession as { sessionToken: string; session: { id: string } };
    };
    const mine = await start();
    const other = await start();
    const client = connect({ sessionToken: mine.sessionToken });
    expect(await run(client, `{ session(id: "${mine.session.id}") { id status } }`)).toEqual({
      session: { id: mine.session.id, status: 'IN_PROGRESS' },
    });
    expect(await run(client, ME)).toEqual({ me: null });
    expect(await run(client, `{ session(id: "${other.session.id}") { id } }`)).toBeNull();
    const refused = connect({ sessionToken: 'mws_not-a-real-token' });
    expect(await run(refused, ME)).toBe(4403);
  });
});

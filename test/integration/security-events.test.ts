import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { startTestServer, type TestServer } from '../helpers/test-server';

const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) { token user { id } } }`;
const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { token } }`;
const EVENTS = `query($filter: SecurityEventFilterInput) {
  securityEvents(filter: $filter, first: 100) {
    edges { node { id kind severity userId ip userAgent requestId details occurredAt } } } }`;
const PASSWORD = 'a very long password';

describe('security events', () => {
  let db: TestDatabase;
  let server: TestServer;
  let root: { id: string; token: string };
  let user: { id: string; token: string };
  const as = (token: string) => ({ authorization: `Bearer ${token}` });

  async function account(email: string, role?: string) {
    const { body } = await server.graphql(REGISTER, {
      input: { email, fullName: email, password: PASSWORD },
    });
    const { token, user: created } = body.data!.register;
    if (role)
      await db.dataSource.query('UPDATE users SET user_role = $1 WHERE user_id = $2', [
        role,
        created.id,
      ]);
    return { id: created.id as string, token: token as string };
  }

  async function events(kind: string) {
    const { body } = await server.graphql(EVENTS, { filter: { kind } }, as(root.token));
    expect(body.errors).toBeUndefined();
    return body.data!.securityEvents.edges.map((edge: any) => edge.node);
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startTestServer(db.dataSource, { LOGIN_SLOWDOWN_AFTER: '3' });
    root = await account('root@example.com', 'SUPER_ADMIN');
    user = await account('user@example.com');
  });
  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });

  it('records failed log-ins with the request context and without the password', async () => {
    await server.graphql(
      LOGIN,
      { input: { email: 'user@example.com', password: 'wrong guess 1' } },
      { 'user-agent': 'probe/1.0', 'x-request-id': 'req-failed-login-1' },
    );
    await server.graphql(LOGIN, {
      input: { email: 'nobody@example.com', password: 'wrong guess 2' },
    });
    const [unknown, known] = await events('LOGIN_FAILED');
    expect(known).toMatchObject({
      severity: 'WARNING',
      userId: user.id,
      userAgent: 'probe/1.0',
      requestId: 'req-failed-login-1',
      details: { email: 'user@example.com', knownAccount: true },
    });
    expect(known.ip).toMatch(/127\.0\.0\.1/);
    expect(unknown).toMatchObject({
      userId: null,
      details: { email: 'nobody@example.com', knownAccount: false },
    });
    expect(JSON.stringify([known, unknown])).not.toMatch(/wrong guess/);
  });

  it('records throttled log-ins', async () => {
    for (let i = 0; i < 4; i++) {
      await server.graphql(LOGIN, {
        input: { email: 'throttled@example.com', password: 'wrong guess' },
      });
    }
    expect((await events('LOGIN_THROTTLED'))[0].details).toEqual({
      email: 'throttled@example.com',
    });
  });

  it('records rejected tokens and API keys without the secrets', async () => {
    const forged = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.forged-signature';
    await server.graphql('{ me { id } }', {}, as(forged));
    const badKey = `mwp_abcdefghij_${'x'.repeat(43)}`;
    await server.graphql('{ me { id } }', {}, { 'x-api-key': badKey });
    const [token] = await events('TOKEN_REJECTED');
    const [key] = await events('API_KEY_REJECTED');
    expect(token.severity).toBe('WARNING');
    expect(key.details).toMatchObject({ prefix: 'mwp_abcdefghij' });
    expect(JSON.stringify([token, key])).not.toContain('forged-signature');
    expect(JSON.stringify([token, key])).not.toContain('x'.repeat(43));
  });

  it('records forbidden access over HTTP and over WebSocket', async () => {
    await server.graphql('{ users { edges { cursor } } }', {}, as(user.token));
    const client = createClient({
      url: `ws://127.0.0.1:${server.port}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${user.token}` },
    });
    try {
      for await (const result of client.iterate({
        query: 'query Peek { users { edges { cursor } } }',
      })) {
        expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      }
    } finally {
      await client.dispose();
    }
    const forbidden = await events('ACCESS_FORBIDDEN');
    expect(forbidden).toHaveLength(2);
    expect(forbidden.every((event: any) => event.userId === user.id)).toBe(true);
    expect(forbidden[0].details).toEqual({ operationName: 'Peek', path: ['users'] });
  });

  it('records role changes with who made them', async () => {
    const target = await account('promoted@example.com');
    await server.graphql(
      `mutation { setUserRole(input: { userId: "${target.id}", role: ADMIN }) { user { id } } }`,
      {},
      as(root.token),
    );
    const [change] = await events('ROLE_CHANGED');
    expect(change).toMatchObject({
      userId: target.id,
      severity: 'WARNING',
      details: { by: Number(root.id), from: 'USER', to: 'ADMIN' },
    });
  });

  it('shows events to signed-in SUPER_ADMINs only, newest first', async () => {
    const all = await server.graphql(EVENTS, {}, as(root.token));
    const ids = all.body.data!.securityEvents.edges.map((edge: any) => Number(edge.node.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(
      (await server.graphql(EVENTS, {}, as(user.token))).body.errors?.[0].extensions?.code,
    ).toBe('FORBIDDEN');
    expect((await server.graphql(EVENTS)).body.errors?.[0].extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
    const { body } = await server.graphql(
      'mutation { createApiKey(input: { name: "k", scopes: [ANALYTICS_READ] }) { secret } }',
      {},
      as(root.token),
    );
    const viaKey = await server.graphql(
      EVENTS,
      {},
      { 'x-api-key': body.data!.createApiKey.secret },
    );
    expect(viaKey.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('records one event per refused field reported in the response', async () => {
    const before = (await events('ACCESS_FORBIDDEN')).length;
    const { body } = await server.graphql(
      '{ a: users { edges { cursor } } b: users { edges { cursor } } c: securityEvents { edges { cursor } } }',
      {},
      as(user.token),
    );
    // A refused non-null root field nulls `data`; graphql-js reports the first such error.
    expect(body.data).toBeNull();
    const reported = body.errors!.filter((e: any) => e.extensions.code === 'FORBIDDEN').length;
    expect(reported).toBeGreaterThan(0);
    expect((await events('ACCESS_FORBIDDEN')).length).toBe(before + reported);
  });
});

import { createClient } from 'graphql-ws';
import { DataSource } from 'typeorm';
import WebSocket from 'ws';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { TEST_DB_CONFIG } from '../helpers/test-database-url';
import { startTestServer, type TestServer } from '../helpers/test-server';

const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) { token } }`;
const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { token } }`;
const PASSWORD = 'the right password';

describe('login throttling', () => {
  let db: TestDatabase;
  let server: TestServer;
  let lockServer: TestServer;

  const codeOf = async (target: TestServer, email: string, password: string) =>
    (await target.graphql(LOGIN, { input: { email, password } })).body.errors?.[0]?.extensions
      ?.code as string | undefined;
  const register = (email: string) =>
    server.graphql(REGISTER, { input: { email, fullName: 'T', password: PASSWORD } });

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startTestServer(db.dataSource, {
      LOGIN_SLOWDOWN_AFTER: '3',
      LOGIN_SLOWDOWN_WINDOW_SECONDS: '60',
      LOGIN_LOCK_AFTER: '50',
    });
    lockServer = await startTestServer(db.dataSource, {
      LOGIN_SLOWDOWN_AFTER: '100',
      LOGIN_LOCK_AFTER: '3',
      LOGIN_LOCK_SECONDS: '600',
    });
  });
  afterAll(async () => {
    await server?.stop();
    await lockServer?.stop();
    await db?.drop();
  });

  it('slows down after repeated failures, even for the right password', async () => {
    await register('slow@example.com');
    for (let i = 0; i < 3; i++)
      expect(await codeOf(server, 'slow@example.com', 'wrong one!')).toBe('UNAUTHENTICATED');
    const { body } = await server.graphql(LOGIN, {
      input: { email: 'slow@example.com', password: PASSWORD },
    });
    expect(body.errors?.[0].extensions?.code).toBe('TOO_MANY_REQUESTS');
    expect(body.errors?.[0].extensions?.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('lets no more than the limit through when attempts arrive at the same moment', async () => {
    await register('burst@example.com');
    const codes = await Promise.all(
      Array.from({ length: 40 }, () => codeOf(server, 'burst@example.com', 'wrong one!')),
    );
    // The limit is 3: each attempt is counted atomically before its password is checked.
    expect(codes.filter((code) => code === 'UNAUTHENTICATED')).toHaveLength(3);
    expect(codes.filter((code) => code === 'TOO_MANY_REQUESTS')).toHaveLength(37);
  });

  it('treats an unknown email exactly like a known one', async () => {
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push(await codeOf(server, 'ghost@example.com', 'wrong one!'));
    expect(codes).toEqual([
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
      'TOO_MANY_REQUESTS',
    ]);
  });

  it('counts the longest emails too (the stored key is a prefix plus the email)', async () => {
    const email = `${'x'.repeat(243)}@example.com`;
    expect(email).toHaveLength(255);
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push(await codeOf(server, email, 'wrong one!'));
    expect(codes).toEqual([
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
      'TOO_MANY_REQUESTS',
    ]);
  });

  it('gives a batch of 15 aliased attempts no more than one try', async () => {
    await register('alias@example.com');
    const fields = Array.from(
      { length: 15 },
      (_, i) =>
        `a${i}: login(input: { email: "alias@example.com", password: "wrong ${i} guess" }) { token }`,
    );
    // Mutations run one after another, and the first failure (a non-null payload) ends the
    // document: the other 14 never reach the password check.
    const batch = await server.graphql(`mutation { ${fields.join(' ')} }`);
    expect(batch.body.data).toBeNull();
    expect(batch.body.errors!.map((error: any) => error.extensions.code)).toEqual([
      'UNAUTHENTICATED',
    ]);
    // That one try counted: two more failures are allowed, then the account must wait.
    for (let i = 0; i < 2; i++) {
      expect(await codeOf(server, 'alias@example.com', 'wrong one!')).toBe('UNAUTHENTICATED');
    }
    const throttled = await server.graphql(`mutation { ${fields.join(' ')} }`);
    expect(throttled.body.errors!.map((error: any) => error.extensions.code)).toEqual([
      'TOO_MANY_REQUESTS',
    ]);
  });

  it('counts attempts over WebSocket with those over HTTP', async () => {
    await register('ws@example.com');
    const client = createClient({
      url: `ws://127.0.0.1:${server.port}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
    });
    try {
      for (let i = 0; i < 3; i++) {
        for await (const result of client.iterate({
          query: LOGIN,
          variables: { input: { email: 'ws@example.com', password: 'wrong one!' } },
        })) {
          expect(result.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
        }
      }
    } finally {
      await client.dispose();
    }
    expect(await codeOf(server, 'ws@example.com', PASSWORD)).toBe('TOO_MANY_REQUESTS');
  });

  it('forgets failures after a successful log-in', async () => {
    await register('reset@example.com');
    for (let i = 0; i < 2; i++) await codeOf(server, 'reset@example.com', 'wrong one!');
    expect(await codeOf(server, 'reset@example.com', PASSWORD)).toBeUndefined();
    for (let i = 0; i < 2; i++)
      expect(await codeOf(server, 'reset@example.com', 'wrong one!')).toBe('UNAUTHENTICATED');
    expect(await codeOf(server, 'reset@example.com', PASSWORD)).toBeUndefined();
  });

  it('locks the account for a while after more failures', async () => {
    await register('lock@example.com');
    for (let i = 0; i < 3; i++)
      expect(await codeOf(lockServer, 'lock@example.com', 'wrong one!')).toBe('UNAUTHENTICATED');
    const { body } = await lockServer.graphql(LOGIN, {
      input: { email: 'lock@example.com', password: PASSWORD },
    });
    expect(body.errors?.[0].extensions?.code).toBe('TOO_MANY_REQUESTS');
    expect(body.errors?.[0].extensions?.retryAfterSeconds).toBeGreaterThan(500);
  });
});

describe('login throttling across server instances', () => {
  let db: TestDatabase;
  // The second instance has a pool of its own, as a second process behind the load balancer would.
  let secondPool: DataSource;
  let first: TestServer;
  let second: TestServer;
  const settings = {
    LOGIN_SLOWDOWN_AFTER: '100',
    LOGIN_LOCK_AFTER: '3',
    LOGIN_LOCK_SECONDS: '600',
  };

  const attempt = async (target: TestServer, email: string, password: string) =>
    (await target.graphql(LOGIN, { input: { email, password } })).body.errors?.[0]?.extensions;
  const register = (email: string) =>
    first.graphql(REGISTER, { input: { email, fullName: 'T', password: PASSWORD } });

  beforeAll(async () => {
    db = await createTestDatabase();
    secondPool = new DataSource(dataSourceOptions(db.url, TEST_DB_CONFIG));
    await secondPool.initialize();
    first = await startTestServer(db.dataSource, settings);
    second = await startTestServer(secondPool, settings);
  });
  afterAll(async () => {
    await first?.stop();
    await second?.stop();
    if (secondPool?.isInitialized) await secondPool.destroy();
    await db?.drop();
  });

  it('locks the account on instance 2 after failures through instance 1', async () => {
    await register('shared@example.com');
    for (let i = 0; i < 3; i++) {
      expect((await attempt(first, 'shared@example.com', 'wrong one!'))?.code).toBe(
        'UNAUTHENTICATED',
      );
    }
    const locked = await attempt(second, 'shared@example.com', PASSWORD);
    expect(locked?.code).toBe('TOO_MANY_REQUESTS');
    expect(locked?.retryAfterSeconds).toBeGreaterThan(500);
    const keys = await db.dataSource.query<{ key: string }[]>(
      'SELECT key FROM login_throttle ORDER BY key',
    );
    expect(keys.map((row) => row.key)).toEqual([
      'login-lockout:shared@example.com',
      'login-slowdown:shared@example.com',
    ]);
  });

  it('adds failures through either instance to one count, and a success clears it for both', async () => {
    await register('both@example.com');
    expect((await attempt(first, 'both@example.com', 'wrong one!'))?.code).toBe('UNAUTHENTICATED');
    expect((await attempt(second, 'both@example.com', 'wrong one!'))?.code).toBe('UNAUTHENTICATED');
    expect(await attempt(second, 'both@example.com', PASSWORD)).toBeUndefined();
    for (const target of [first, second, first]) {
      expect((await attempt(target, 'both@example.com', 'wrong one!'))?.code).toBe(
        'UNAUTHENTICATED',
      );
    }
    expect((await attempt(second, 'both@example.com', PASSWORD))?.code).toBe('TOO_MANY_REQUESTS');
    expect((await attempt(first, 'both@example.com', PASSWORD))?.code).toBe('TOO_MANY_REQUESTS');
  });
});

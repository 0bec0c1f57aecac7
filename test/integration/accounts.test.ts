import { createClient } from 'graphql-ws';
import { SignJWT } from 'jose';
import WebSocket from 'ws';
import { passwordVersion } from '../../src/auth/tokens';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { startTestServer, type TestServer } from '../helpers/test-server';

const SECRET = 'test-secret-test-secret-test-secret-0123';
const REGISTER = `mutation($input: RegisterInput!) {
  register(input: $input) { token expiresAt user { id email fullName role isActive } } }`;
const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { token user { id lastLogin } } }`;
const CHANGE = `mutation($input: ChangePasswordInput!) { changePassword(input: $input) { token } }`;
const ME = '{ me { id email role } }';

describe('accounts and tokens', () => {
  let db: TestDatabase;
  let server: TestServer;
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const users = async () =>
    Number((await db.dataSource.query<{ n: string }[]>('SELECT count(*) AS n FROM users'))[0].n);
  const register = (email: string, password = 'correct horse battery') =>
    server.graphql(REGISTER, { input: { email, fullName: 'Test User', password } });

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startTestServer(db.dataSource);
  });
  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });

  it('registers with a normalised email, signs in, and never returns the password', async () => {
    const { body } = await register('  Ada@Example.COM ');
    expect(body.errors).toBeUndefined();
    const { token, user, expiresAt } = body.data!.register;
    expect(user).toMatchObject({ email: 'ada@example.com', role: 'USER', isActive: true });
    expect(new Date(expiresAt).getTime()).toBeGreaterThan(Date.now());
    expect(JSON.stringify(body)).not.toContain('correct horse');
    const me = await server.graphql(ME, {}, bearer(token));
    expect(me.body.data!.me).toEqual({ id: user.id, email: 'ada@example.com', role: 'USER' });
    const stored = await db.dataSource.query<{ password_hash: string }[]>(
      'SELECT password_hash FROM users WHERE email = $1',
      ['ada@example.com'],
    );
    expect(stored[0].password_hash).toMatch(/^\$argon2id\$/);
  });

  it('answers me with null when anonymous', async () => {
    expect((await server.graphql(ME)).body.data!.me).toBeNull();
  });

  it('refuses a second account for the same email in any case with CONFLICT', async () => {
    await register('grace@example.com');
    const before = await users();
    const { body } = await register('GRACE@example.com');
    expect(body.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'email' });
    expect(await users()).toBe(before);
  });

  it('lets exactly one of several simultaneous registrations of an email win', async () => {
    const results = await Promise.all(
      Array.from({ length: 5 }, () => register('race@example.com')),
    );
    const codes = results.map((r) => r.body.errors?.[0].extensions?.code ?? 'OK');
    expect(codes.filter((code) => code === 'OK')).toHaveLength(1);
    expect(codes.filter((code) => code === 'CONFLICT')).toHaveLength(4);
    for (const r of results.filter((r) => r.body.errors)) {
      expect(r.body.errors?.[0].extensions?.field).toBe('email');
    }
  });

  it.each([
    ['a malformed email', { email: 'not-an-email' }, 'email'],
    ['a 9-character password', { password: '123456789' }, 'password'],
    ['a 129-character password', { password: 'x'.repeat(129) }, 'password'],
    ['an empty name', { fullName: '' }, 'fullName'],
  ])('refuses %s with BAD_USER_INPUT and writes nothing', async (_what, change, field) => {
    const before = await users();
    const input = {
      email: 'new@example.com',
      fullName: 'N',
      password: 'long enough password',
      ...change,
    };
    const { body } = await server.graphql(REGISTER, { input });
    expect(body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0].extensions?.fields).toEqual(
      expect.arrayContaining([expect.objectContaining({ field })]),
    );
    expect(await users()).toBe(before);
  });

  it('logs in, records last_login, and gives the same error for a wrong password and an unknown email', async () => {
    await register('linus@example.com', 'linus password 1');
    const ok = await server.graphql(LOGIN, {
      input: { email: 'LINUS@example.com', password: 'linus password 1' },
    });
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data!.login.user.lastLogin).not.toBeNull();
    const wrong = await server.graphql(LOGIN, {
      input: { email: 'linus@example.com', password: 'nope nope nope' },
    });
    const unknown = await server.graphql(LOGIN, {
      input: { email: 'nobody@example.com', password: 'nope nope nope' },
    });
    expect(wrong.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(unknown.body.errors?.[0]).toEqual(wrong.body.errors?.[0]);
  });

  it('refuses log-in and existing tokens of an inactive user', async () => {
    const { body } = await register('ina@example.com', 'inactive password');
    const token: string = body.data!.register.token;
    await db.dataSource.query("UPDATE users SET is_active = false WHERE email = 'ina@example.com'");
    const login = await server.graphql(LOGIN, {
      input: { email: 'ina@example.com', password: 'inactive password' },
    });
    expect(login.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const me = await server.graphql(ME, {}, bearer(token));
    expect(me.status).toBe(401);
    expect(me.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('changes the password: the old token stops working, the new one works', async () => {
    const { body } = await register('cp@example.com', 'first password!');
    const oldToken: string = body.data!.register.token;
    const wrong = await server.graphql(
      CHANGE,
      { input: { currentPassword: 'not it at all', newPassword: 'second password!' } },
      bearer(oldToken),
    );
    expect(wrong.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const changed = await server.graphql(
      CHANGE,
      { input: { currentPassword: 'first password!', newPassword: 'second password!' } },
      bearer(oldToken),
    );
    expect(changed.body.errors).toBeUndefined();
    expect((await server.graphql(ME, {}, bearer(oldToken))).status).toBe(401);
    const fresh = await server.graphql(ME, {}, bearer(changed.body.data!.changePassword.token));
    expect(fresh.body.data!.me.email).toBe('cp@example.com');
    const login = await server.graphql(LOGIN, {
      input: { email: 'cp@example.com', password: 'second password!' },
    });
    expect(login.body.errors).toBeUndefined();
  });

  it('refuses changePassword when anonymous', async () => {
    const { body } = await server.graphql(CHANGE, {
      input: { currentPassword: 'whatever it is', newPassword: 'second password!' },
    });
    expect(body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  describe('bad tokens over HTTP', () => {
    let userId: string;
    beforeAll(async () => {
      userId = (await register('tokens@example.com')).body.data!.register.user.id;
    });
    const sign = (secret: string, exp: number | string, sub = userId) =>
      new SignJWT({ pwv: 'x' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(sub)
        .setIssuer('multi-wizard-platform')
        .setAudience('multi-wizard-platform-api')
        .setExpirationTime(exp)
        .sign(new TextEncoder().encode(secret));

    it.each([
      ['a scheme other than Bearer', () => Promise.resolve('Token abc')],
      ['a Bearer without token', () => Promise.resolve('Bearer')],
      ['garbage', () => Promise.resolve('Bearer not.a.jwt')],
      [
        'another secret',
        async () => `Bearer ${await sign('another-secret-another-secret-another', '1h')}`,
      ],
      [
        'an expired token',
        async () => `Bearer ${await sign(SECRET, Math.floor(Date.now() / 1000) - 60)}`,
      ],
      [
        'a token for a password that no longer matches',
        async () => `Bearer ${await sign(SECRET, '1h')}`,
      ],
    ])('answers 401 UNAUTHENTICATED for %s, without internals', async (_what, header) => {
      const response = await server.graphql(ME, {}, { authorization: await header() });
      expect(response.status).toBe(401);
      expect(response.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect(JSON.stringify(response.body)).not.toMatch(/stack|JWS|jose|\.ts:/i);
    });
  });

  describe('tokens without an expiry', () => {
    let userId: string;
    let pwv: string;
    beforeAll(async () => {
      userId = (await register('forever@example.com')).body.data!.register.user.id;
      const [row] = await db.dataSource.query<{ password_hash: string }[]>(
        'SELECT password_hash FROM users WHERE user_id = $1',
        [userId],
      );
      pwv = passwordVersion(row.password_hash);
    });
    /** Right secret, subject, issuer, audience and password version; an expiry only when asked. */
    const sign = (withExpiry: boolean) => {
      const jwt = new SignJWT({ pwv })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(userId)
        .setIssuer('multi-wizard-platform')
        .setAudience('multi-wizard-platform-api')
        .setIssuedAt();
      return (withExpiry ? jwt.setExpirationTime('1h') : jwt).sign(
        new TextEncoder().encode(SECRET),
      );
    };
    const overWebSocket = async (token: string) => {
      const client = createClient({
        url: `ws://127.0.0.1:${server.port}/graphql`,
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        connectionParams: { authorization: `Bearer ${token}` },
      });
      try {
        for await (const result of client.iterate({ query: ME })) return result.data?.me;
        return undefined;
      } catch (error) {
        return (error as { code?: number }).code;
      } finally {
        await client.dispose();
      }
    };

    it('are UNAUTHENTICATED (401) over HTTP, where the same token with an expiry works', async () => {
      const forever = await server.graphql(ME, {}, bearer(await sign(false)));
      expect(forever.status).toBe(401);
      expect(forever.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      const expiring = await server.graphql(ME, {}, bearer(await sign(true)));
      expect(expiring.body.data?.me).toMatchObject({ id: userId });
    });

    it('close a WebSocket with 4403, where the same token with an expiry works', async () => {
      expect(await overWebSocket(await sign(false))).toBe(4403);
      expect(await overWebSocket(await sign(true))).toMatchObject({ id: userId });
    });
  });

  describe('graphql-ws connectionParams', () => {
    const connect = (connectionParams?: Record<string, unknown>) =>
      createClient({
        url: `ws://127.0.0.1:${server.port}/graphql`,
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        connectionParams,
      });

    async function me(connectionParams?: Record<string, unknown>) {
      const client = connect(connectionParams);
      try {
        for await (const result of client.iterate({ query: ME })) return { result };
        return {};
      } catch (error) {
        return { error: error as { code?: number; reason?: string } };
      } finally {
        await client.dispose();
      }
    }

    it('authenticates with a Bearer token', async () => {
      const { body } = await register('ws@example.com');
      const { result } = await me({ authorization: `Bearer ${body.data!.register.token}` });
      expect(result?.data?.me).toMatchObject({ email: 'ws@example.com' });
    });

    it('is anonymous without credentials', async () => {
      const { result } = await me();
      expect(result?.data?.me).toBeNull();
    });

    it('closes the connection with 4403 for a bad token', async () => {
      const { error } = await me({ authorization: 'Bearer forged.token.here' });
      expect(error?.code).toBe(4403);
    });
  });
});

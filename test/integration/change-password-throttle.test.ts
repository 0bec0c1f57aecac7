import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { startTestServer, type TestServer } from '../helpers/test-server';

const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) { token user { id } } }`;
const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { token } }`;
const CHANGE = `mutation($input: ChangePasswordInput!) { changePassword(input: $input) { token } }`;
const PASSWORD = 'the right password';
const NEW_PASSWORD = 'a brand new password';

/**
 * changePassword's current password is a guess at the account's password, like a log-in: it is
 * counted on the same per-account throttle (LOGIN_* settings) before it is checked.
 */
describe('changePassword throttling', () => {
  let db: TestDatabase;
  let slow: TestServer;
  let locking: TestServer;

  beforeAll(async () => {
    db = await createTestDatabase();
    slow = await startTestServer(db.dataSource, {
      LOGIN_SLOWDOWN_AFTER: '3',
      LOGIN_SLOWDOWN_WINDOW_SECONDS: '60',
      LOGIN_LOCK_AFTER: '50',
    });
    locking = await startTestServer(db.dataSource, {
      LOGIN_SLOWDOWN_AFTER: '100',
      LOGIN_LOCK_AFTER: '3',
      LOGIN_LOCK_SECONDS: '600',
    });
  });
  afterAll(async () => {
    await slow?.stop();
    await locking?.stop();
    await db?.drop();
  });

  async function register(email: string): Promise<{ id: string; token: string }> {
    const { body } = await slow.graphql(REGISTER, {
      input: { email, fullName: 'T', password: PASSWORD },
    });
    return { id: body.data!.register.user.id, token: body.data!.register.token };
  }

  const change = (target: TestServer, token: string, currentPassword: string) =>
    target.graphql(
      CHANGE,
      { input: { currentPassword, newPassword: NEW_PASSWORD } },
      { authorization: `Bearer ${token}` },
    );
  const codeOfChange = async (target: TestServer, token: string, currentPassword: string) =>
    (await change(target, token, currentPassword)).body.errors?.[0]?.extensions?.code;
  const codeOfLogin = async (target: TestServer, email: string, password: string) =>
    (await target.graphql(LOGIN, { input: { email, password } })).body.errors?.[0]?.extensions
      ?.code;
  const passwordHash = async (id: string) =>
    (
      await db.dataSource.query<{ password_hash: string }[]>(
        'SELECT password_hash FROM users WHERE user_id = $1',
        [id],
      )
    )[0].password_hash;
  /** The wrong current passwords that were checked (each check records a LOGIN_FAILED). */
  const checkedGuesses = async (id: string) =>
    Number(
      (
        await db.dataSource.query<{ n: string }[]>(
          `SELECT count(*) AS n FROM security_events
            WHERE kind = 'LOGIN_FAILED' AND user_id = $1
              AND details ->> 'operation' = 'changePassword'`,
          [id],
        )
      )[0].n,
    );

  it('checks 3 of 15 wrong current passwords; the rest are refused unchecked', async () => {
    const account = await register('fifteen@example.com');
    const codes = [];
    for (let i = 0; i < 15; i++) codes.push(await codeOfChange(slow, account.token, `guess ${i}`));
    expect(codes.slice(0, 3)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED']);
    expect(new Set(codes.slice(3))).toEqual(new Set(['TOO_MANY_REQUESTS']));
    expect(await checkedGuesses(account.id)).toBe(3);
  });

  it('refuses the 4th attempt within the window even with the right password, changing nothing', async () => {
    const account = await register('fourth@example.com');
    const before = await passwordHash(account.id);
    for (let i = 0; i < 3; i++)
      expect(await codeOfChange(slow, account.token, 'wrong one!')).toBe('UNAUTHENTICATED');
    const fourth = await change(slow, account.token, PASSWORD);
    expect(fourth.body.errors?.[0].extensions).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    expect(fourth.body.errors?.[0].extensions?.retryAfterSeconds).toBeGreaterThan(0);
    expect(await passwordHash(account.id)).toBe(before);
  });

  it('shares the count with log-in, both ways (they guess the same password)', async () => {
    const account = await register('shared-count@example.com');
    expect(await codeOfChange(slow, account.token, 'wrong one!')).toBe('UNAUTHENTICATED');
    expect(await codeOfLogin(slow, 'shared-count@example.com', 'wrong one!')).toBe(
      'UNAUTHENTICATED',
    );
    expect(await codeOfChange(slow, account.token, 'wrong one!')).toBe('UNAUTHENTICATED');
    expect(await codeOfLogin(slow, 'shared-count@example.com', PASSWORD)).toBe('TOO_MANY_REQUESTS');
    expect(await codeOfChange(slow, account.token, PASSWORD)).toBe('TOO_MANY_REQUESTS');
  });

  it('locks the account (log-in included) after more wrong current passwords', async () => {
    const account = await register('locked@example.com');
    for (let i = 0; i < 3; i++)
      expect(await codeOfChange(locking, account.token, 'wrong one!')).toBe('UNAUTHENTICATED');
    const refused = await change(locking, account.token, PASSWORD);
    expect(refused.body.errors?.[0].extensions?.code).toBe('TOO_MANY_REQUESTS');
    expect(refused.body.errors?.[0].extensions?.retryAfterSeconds).toBeGreaterThan(500);
    expect(await codeOfLogin(locking, 'locked@example.com', PASSWORD)).toBe('TOO_MANY_REQUESTS');
  });

  it('starts the count again after the right current password', async () => {
    const account = await register('cleared@example.com');
    for (let i = 0; i < 2; i++)
      expect(await codeOfChange(slow, account.token, 'wrong one!')).toBe('UNAUTHENTICATED');
    const changed = await change(slow, account.token, PASSWORD);
    expect(changed.body.errors).toBeUndefined();
    const token = changed.body.data!.changePassword.token as string;
    for (let i = 0; i < 3; i++)
      expect(await codeOfChange(slow, token, 'wrong one!')).toBe('UNAUTHENTICATED');
  });
});

import { createHash } from 'node:crypto';
import { asSystem } from '../../src/database/system-context';
import type { WizardDefinition } from '../../src/definitions/wizard-definition';
import { SelectionType } from '../../src/entities/enums';
import { registerAccount, type TestAccount } from '../helpers/accounts';
import {
  ACTIVITY,
  failure,
  ok,
  SESSION,
  SessionDriver,
  START,
  storeWizards,
  type WizardIds,
} from '../helpers/sessions';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { startTestServer, type TestServer } from '../helpers/test-server';

type AnyRow = Record<string, unknown>;

const GUEST_WIZARD: WizardDefinition = {
  key: 'quick_quote',
  name: 'Quick quote',
  requireLogin: false,
  published: true,
  steps: [
    {
      key: 'size',
      name: 'Size',
      optionSets: [
        {
          key: 'size',
          name: 'Size',
          options: [
            { key: 'small', label: 'Small', price: '5.00' },
            { key: 'large', label: 'Large', price: '9.00' },
          ],
        },
      ],
    },
    {
      key: 'extras',
      name: 'Extras',
      optionSets: [
        {
          key: 'extras',
          name: 'Extras',
          selectionType: SelectionType.MULTIPLE,
          isRequired: false,
          options: [
            { key: 'gift_wrap', label: 'Gift wrap', price: '2.50' },
            { key: 'card', label: 'Card', price: '1.25' },
          ],
        },
      ],
    },
  ],
};

/** requireLogin defaults to true. */
const MEMBERS_WIZARD: WizardDefinition = {
  key: 'members_only',
  name: 'Members only',
  published: true,
  steps: [
    {
      key: 'only',
      name: 'Only',
      optionSets: [{ key: 'pick', name: 'Pick', options: [{ key: 'yes', label: 'Yes' }] }],
    },
  ],
};

const ME = '{ me { id email } }';
const MY_SESSIONS = '{ mySessions(first: 10) { edges { node { id } } } }';
const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { token user { id } } }`;

describe('guest sessions (a wizard with requireLogin false)', () => {
  let db: TestDatabase;
  let server: TestServer;
  let quote: WizardIds;
  let members: WizardIds;
  let user: TestAccount;
  /** The guest every test here follows, started in beforeAll. */
  let guest: SessionDriver;
  /** Another guest's session and a signed-in user's session, for the token not to open. */
  let otherGuest: SessionDriver;
  let userSession: SessionDriver;

  const system = <T>(sql: string, params: unknown[] = []) =>
    asSystem(db.dataSource, (manager) => manager.query<T>(sql, params));

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startTestServer(db.dataSource);
    [quote, members] = await storeWizards(db.dataSource, [GUEST_WIZARD, MEMBERS_WIZARD]);
    user = await registerAccount(server, db.dataSource, 'member@example.com');
    userSession = new SessionDriver(server, quote, user.headers);
    await userSession.start();
    otherGuest = new SessionDriver(server, quote);
    await otherGuest.start();
    guest = new SessionDriver(server, quote);
    await guest.start();
    guest.headers['x-session-token'] = guest.token;
  });
  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });

  it('starts without an account and returns a session token, stored only as its hash', async () => {
    expect(guest.token).toMatch(/^mws_[\w-]{43}$/);
    const [row] = await system<{ session_token: string }[]>(
      'SELECT session_token FROM wizard_user_sessions WHERE session_id = $1',
      [guest.id],
    );
    expect(row.session_token).toBe(createHash('sha256').update(guest.token).digest('hex'));
  });

  it('creates a guest account that owns the session and has no usable password', async () => {
    const rows = await system<AnyRow[]>(
      `SELECT u.user_id, u.is_guest, u.user_role, u.password_hash, u.email
         FROM wizard_user_sessions s JOIN users u ON u.user_id = s.user_id
        WHERE s.session_id = $1`,
      [guest.id],
    );
    expect(rows).toEqual([
      {
        user_id: expect.any(Number),
        is_guest: true,
        user_role: 'USER',
        password_hash: '!guest',
        email: expect.stringMatching(/^guest-[0-9a-f-]{36}@guest\.invalid$/),
      },
    ]);
    const guests = await system<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM users WHERE is_guest',
    );
    expect(guests).toEqual([{ n: 2 }]);
  });

  it('refuses a login with the guest account email, whatever the password', async () => {
    const [{ email }] = await system<{ email: string }[]>(
      `SELECT u.email FROM wizard_user_sessions s JOIN users u ON u.user_id = s.user_id
        WHERE s.session_id = $1`,
      [guest.id],
    );
    for (const password of ['!guest', '', 'a long password']) {
      const response = await server.graphql(LOGIN, { input: { email, password } });
      expect({ password, code: failure(response).code }).toEqual({
        password,
        code: 'UNAUTHENTICATED',
      });
    }
  });

  it('reads its session by id with X-Session-Token', async () => {
    const session = await guest.read();
    expect({
      id: session.id,
      version: session.version,
      status: session.status,
      step: session.currentStep.key,
    }).toEqual({ id: guest.id, version: 1, status: 'IN_PROGRESS', step: 'size' });
  });

  it('is no user: me is null with the header', async () => {
    const response = await server.graphql(ME, {}, guest.headers);
    expect(response.body).toEqual({ data: { me: null } });
  });

  it('is no user: mySessions with the header is UNAUTHENTICATED', async () => {
    const response = await server.graphql(MY_SESSIONS, {}, guest.headers);
    expect(failure(response).code).toBe('UNAUTHENTICATED');
    expect(response.body.data ?? null).toBeNull();
  });

  it('cannot start another session with its token', async () => {
    const response = await server.graphql(
      START,
      { input: { wizardId: quote.wizardId } },
      guest.headers,
    );
    expect(failure(response).code).toBe('FORBIDDEN');
  });

  describe('the token opens no other session', () => {
    const OTHERS = ["another guest's session", "a signed-in user's session"] as const;
    const other = (name: (typeof OTHERS)[number]) =>
      name === OTHERS[0] ? otherGuest : userSession;

    it.each(OTHERS)('refuses session(id) of %s with FORBIDDEN', async (name) => {
      const response = await server.graphql(SESSION, { id: other(name).id }, guest.headers);
      expect(failure(response).code).toBe('FORBIDDEN');
    });

    it.each(OTHERS)('refuses session(token) of %s with FORBIDDEN', async (name) => {
      const response = await server.graphql(SESSION, { token: other(name).token }, guest.headers);
      expect(failure(response).code).toBe('FORBIDDEN');
    });

    it.each(OTHERS)('refuses submitStep on %s with FORBIDDEN, changing nothing', async (name) => {
      const intruder = new SessionDriver(server, quote, guest.headers);
      intruder.id = other(name).id;
      intruder.version = 1;
      const response = await intruder.submit('size', { size: { options: ['small'] } });
      expect(failure(response).code).toBe('FORBIDDEN');
      const rows = await system<{ row_version: number }[]>(
        'SELECT row_version FROM wizard_user_sessions WHERE session_id = $1',
        [other(name).id],
      );
      expect(rows).toEqual([{ row_version: 1 }]);
    });

    it("refuses the other guest's activity log with FORBIDDEN", async () => {
      const response = await server.graphql(
        ACTIVITY,
        { sessionId: otherGuest.id, first: 10 },
        guest.headers,
      );
      expect(failure(response).code).toBe('FORBIDDEN');
    });
  });

  it('opens a guest session anonymously with session(token:), without the header', async () => {
    const response = await server.graphql(SESSION, { token: otherGuest.token });
    expect(ok(response).session).toMatchObject({ id: otherGuest.id, version: 1 });
  });

  it("does not open a signed-in user's session by its token: 401 as a header, FORBIDDEN as session(token:)", async () => {
    const asHeader = await server.graphql(
      SESSION,
      { id: userSession.id },
      { 'x-session-token': userSession.token },
    );
    expect({ status: asHeader.status, code: failure(asHeader).code }).toEqual({
      status: 401,
      code: 'UNAUTHENTICATED',
    });
    const anonymous = await server.graphql(SESSION, { token: userSession.token });
    expect(failure(anonymous).code).toBe('FORBIDDEN');
  });

  it('refuses an anonymous start of a wizard that requires login, creating no account', async () => {
    const count = () => system<{ n: number }[]>('SELECT count(*)::int AS n FROM users');
    const before = await count();
    const response = await server.graphql(START, { input: { wizardId: members.wizardId } });
    expect(failure(response).code).toBe('UNAUTHENTICATED');
    expect(response.body.data ?? null).toBeNull();
    expect(await count()).toEqual(before);
  });

  it('submits, completes and reads its activity with the header', async () => {
    const first = ok(await guest.submit('size', { size: { options: ['large'] } })).submitStep;
    expect({ next: first.next.step.key, version: first.session.version }).toEqual({
      next: 'extras',
      version: 2,
    });
    const second = ok(
      await guest.submit('extras', { extras: { options: ['gift_wrap', 'card'] } }),
    ).submitStep;
    expect(second.next).toMatchObject({ complete: true, step: null });
    const done = ok(await guest.complete()).completeSession.session;
    expect({ status: done.status, totalPrice: done.totalPrice, version: done.version }).toEqual({
      status: 'COMPLETED',
      totalPrice: '12.75',
      version: 4,
    });
    const [owner] = await system<{ user_id: number }[]>(
      'SELECT user_id FROM wizard_user_sessions WHERE session_id = $1',
      [guest.id],
    );
    const activity = await guest.activity();
    expect(activity.map((row) => [row.type, row.userId])).toEqual(
      ['SESSION_STARTED', 'STEP_COMPLETED', 'STEP_COMPLETED', 'SESSION_COMPLETED'].map((type) => [
        type,
        String(owner.user_id),
      ]),
    );
  });

  it('still reads the completed session by its token, anonymously', async () => {
    const response = await server.graphql(SESSION, { token: guest.token });
    expect(ok(response).session).toMatchObject({ id: guest.id, status: 'COMPLETED' });
  });

  it('opens nothing once the guest deleted the session', async () => {
    const leaving = new SessionDriver(server, quote);
    await leaving.start();
    leaving.headers['x-session-token'] = leaving.token;
    expect(ok(await leaving.remove()).deleteSession).toEqual({ deletedId: leaving.id });
    const withHeader = await server.graphql(SESSION, { id: leaving.id }, leaving.headers);
    expect({ status: withHeader.status, code: failure(withHeader).code }).toEqual({
      status: 401,
      code: 'UNAUTHENTICATED',
    });
    const byToken = await server.graphql(SESSION, { token: leaving.token });
    expect(failure(byToken).code).toBe('NOT_FOUND');
  });
});

import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { startTestServer, type TestServer } from '../helpers/test-server';

const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) { token user { id } } }`;
const USERS = `query($filter: UserFilterInput) {
  users(filter: $filter, first: 50) { edges { node { id email role isActive } } } }`;
const SET_ROLE = `mutation($input: SetUserRoleInput!) { setUserRole(input: $input) { user { id role } } }`;
const SET_ACTIVE = `mutation($input: SetUserActiveInput!) { setUserActive(input: $input) { user { id isActive } } }`;

interface Account {
  id: string;
  token: string;
}

describe('user management', () => {
  let db: TestDatabase;
  let server: TestServer;
  let root: Account;
  let admin: Account;
  let user: Account;
  let other: Account;
  const as = (account: Account | undefined): Record<string, string> =>
    account ? { authorization: `Bearer ${account.token}` } : {};
  const roleOf = async (id: string) =>
    (
      await db.dataSource.query<{ r: string }[]>(
        'SELECT user_role AS r FROM users WHERE user_id = $1',
        [id],
      )
    )[0].r;

  async function account(email: string, role?: string): Promise<Account> {
    const { body } = await server.graphql(REGISTER, {
      input: { email, fullName: email, password: 'a long password' },
    });
    const { token, user: created } = body.data!.register;
    if (role)
      await db.dataSource.query('UPDATE users SET user_role = $1 WHERE user_id = $2', [
        role,
        created.id,
      ]);
    return { id: created.id, token };
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startTestServer(db.dataSource);
    root = await account('root@example.com', 'SUPER_ADMIN');
    admin = await account('admin@example.com', 'ADMIN');
    user = await account('user@example.com');
    other = await account('other@example.com');
  });
  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });

  describe('users', () => {
    it('lists every account to a SUPER_ADMIN, with filters', async () => {
      const all = await server.graphql(USERS, {}, as(root));
      expect(all.body.errors).toBeUndefined();
      expect(all.body.data!.users.edges).toHaveLength(4);
      const admins = await server.graphql(USERS, { filter: { role: 'ADMIN' } }, as(root));
      expect(admins.body.data!.users.edges.map((e: any) => e.node.email)).toEqual([
        'admin@example.com',
      ]);
      const search = await server.graphql(USERS, { filter: { search: 'OTHER' } }, as(root));
      expect(search.body.data!.users.edges.map((e: any) => e.node.email)).toEqual([
        'other@example.com',
      ]);
    });

    it.each([
      ['anonymous', undefined, 'UNAUTHENTICATED'],
      ['a USER', 'user', 'FORBIDDEN'],
      ['an ADMIN', 'admin', 'FORBIDDEN'],
    ])('refuses %s', async (_who, key, code) => {
      const viewer = key === 'user' ? user : key === 'admin' ? admin : undefined;
      const { body } = await server.graphql(USERS, {}, as(viewer));
      expect(body.errors?.[0].extensions?.code).toBe(code);
      expect(body.data?.users ?? null).toBeNull();
    });

    it('refuses a USER over graphql-ws too', async () => {
      const client = createClient({
        url: `ws://127.0.0.1:${server.port}/graphql`,
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        connectionParams: { authorization: `Bearer ${user.token}` },
      });
      try {
        for await (const result of client.iterate({ query: USERS })) {
          expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
        }
      } finally {
        await client.dispose();
      }
    });
  });

  describe('setUserRole', () => {
    it('lets a SUPER_ADMIN change another user', async () => {
      const { body } = await server.graphql(
        SET_ROLE,
        { input: { userId: other.id, role: 'ADMIN' } },
        as(root),
      );
      expect(body.data!.setUserRole.user).toEqual({ id: other.id, role: 'ADMIN' });
      await server.graphql(SET_ROLE, { input: { userId: other.id, role: 'USER' } }, as(root));
    });

    it.each([
      ['a USER raising themselves', 'user', 'self', 'SUPER_ADMIN', 'FORBIDDEN'],
      ['an ADMIN raising themselves', 'admin', 'self', 'SUPER_ADMIN', 'FORBIDDEN'],
      ['an ADMIN raising someone else', 'admin', 'other', 'ADMIN', 'FORBIDDEN'],
      ['a SUPER_ADMIN changing their own role', 'root', 'self', 'USER', 'FORBIDDEN'],
    ])('refuses %s and changes nothing', async (_what, who, target, role, code) => {
      const viewer = { user, admin, root }[who as 'user' | 'admin' | 'root'];
      const userId = target === 'self' ? viewer.id : other.id;
      const before = await roleOf(userId);
      const { body } = await server.graphql(SET_ROLE, { input: { userId, role } }, as(viewer));
      expect(body.errors?.[0].extensions?.code).toBe(code);
      expect(await roleOf(userId)).toBe(before);
    });

    it('answers NOT_FOUND for an unknown user and BAD_USER_INPUT for an unknown role', async () => {
      const unknown = await server.graphql(
        SET_ROLE,
        { input: { userId: '999999', role: 'ADMIN' } },
        as(root),
      );
      expect(unknown.body.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      const badRole = await server.graphql(
        SET_ROLE,
        { input: { userId: other.id, role: 'GOD' } },
        as(root),
      );
      expect(badRole.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(await roleOf(other.id)).toBe('USER');
    });
  });

  describe('setUserActive', () => {
    it('deactivates another user, whose token then stops working', async () => {
      const target = await account('leaving@example.com');
      const { body } = await server.graphql(
        SET_ACTIVE,
        { input: { userId: target.id, isActive: false } },
        as(root),
      );
      expect(body.data!.setUserActive.user).toEqual({ id: target.id, isActive: false });
      expect((await server.graphql('{ me { id } }', {}, as(target))).status).toBe(401);
    });

    it('refuses deactivating yourself, and anyone but a SUPER_ADMIN', async () => {
      const self = await server.graphql(
        SET_ACTIVE,
        { input: { userId: root.id, isActive: false } },
        as(root),
      );
      expect(self.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      const byAdmin = await server.graphql(
        SET_ACTIVE,
        { input: { userId: user.id, isActive: false } },
        as(admin),
      );
      expect(byAdmin.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const me = await server.graphql('{ me { id } }', {}, as(user));
      expect(me.body.data!.me.id).toBe(user.id);
    });
  });
});

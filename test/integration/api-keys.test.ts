import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { insertWizards } from '../helpers/fixtures';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { startTestServer, type TestServer } from '../helpers/test-server';

const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) { token user { id } } }`;
const CREATE = `mutation($input: CreateApiKeyInput!) {
  createApiKey(input: $input) { secret apiKey { id name prefix scopes expiresAt revokedAt lastUsedAt } } }`;
const REVOKE = `mutation($input: RevokeApiKeyInput!) { revokeApiKey(input: $input) { apiKey { id revokedAt } } }`;
const KEYS = '{ apiKeys { edges { node { id name prefix scopes revokedAt lastUsedAt } } } }';
const ME = '{ me { id } }';

describe('partner API keys', () => {
  let db: TestDatabase;
  let server: TestServer;
  let admin: { id: string; token: string };
  let other: { id: string; token: string };
  const session = (token: string) => ({ authorization: `Bearer ${token}` });
  const key = (secret: string) => ({ 'x-api-key': secret });

  async function account(email: string, role?: string) {
    const { body } = await server.graphql(REGISTER, {
      input: { email, fullName: email, password: 'a long password' },
    });
    const { token, user } = body.data!.register;
    if (role)
      await db.dataSource.query('UPDATE users SET user_role = $1 WHERE user_id = $2', [
        role,
        user.id,
      ]);
    return { id: user.id as string, token: token as string };
  }

  async function createKey(scopes: string[], owner = admin, expiresAt?: string) {
    const { body } = await server.graphql(
      CREATE,
      { input: { name: 'partner', scopes, expiresAt } },
      session(owner.token),
    );
    expect(body.errors).toBeUndefined();
    return body.data!.createApiKey as { secret: string; apiKey: { id: string; prefix: string } };
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startTestServer(db.dataSource);
    admin = await account('admin@example.com', 'ADMIN');
    other = await account('other@example.com');
    await insertWizards(db.dataSource, [
      { key: 'public-one', name: 'Public', published: true, steps: [] },
      { key: 'draft-one', name: 'Draft', steps: [] },
    ]);
  });
  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });

  it('returns the secret once and stores only its prefix and hash', async () => {
    const { secret, apiKey } = await createKey(['WIZARDS_READ']);
    expect(secret).toMatch(/^mwp_[\w-]{10}_[\w-]{43}$/);
    expect(secret.startsWith(`${apiKey.prefix}_`)).toBe(true);
    const [row] = await db.dataSource.query<{ key_hash: string }[]>(
      'SELECT key_hash FROM api_keys WHERE api_key_id = $1',
      [apiKey.id],
    );
    expect(row.key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(await db.dataSource.query('SELECT * FROM api_keys'))).not.toContain(
      secret,
    );
    const listed = await server.graphql(KEYS, {}, session(admin.token));
    expect(JSON.stringify(listed.body)).not.toContain(secret.slice(16));
  });

  it('authenticates as its owner (X-API-Key or Bearer) and records last use', async () => {
    const { secret, apiKey } = await createKey(['WIZARDS_READ']);
    expect((await server.graphql(ME, {}, key(secret))).body.data!.me.id).toBe(admin.id);
    expect((await server.graphql(ME, {}, session(secret))).body.data!.me.id).toBe(admin.id);
    const [row] = await db.dataSource.query<{ last_used_at: Date | null }[]>(
      'SELECT last_used_at FROM api_keys WHERE api_key_id = $1',
      [apiKey.id],
    );
    expect(row.last_used_at).not.toBeNull();
  });

  it("restricts the owner's rights to the key's scopes", async () => {
    const keys = (headers: Record<string, string>) =>
      server
        .graphql('{ wizards { edges { node { key } } } }', {}, headers)
        .then((r) => r.body.data!.wizards.edges.map((e: any) => e.node.key));
    expect(await keys(session(admin.token))).toEqual(['public-one', 'draft-one']);
    expect(await keys(key((await createKey(['WIZARDS_READ'])).secret))).toEqual([
      'public-one',
      'draft-one',
    ]);
    expect(await keys(key((await createKey(['SESSIONS_READ'])).secret))).toEqual(['public-one']);
  });

  it('cannot mint or list keys, or change the password', async () => {
    const { secret } = await createKey(['WIZARDS_READ', 'WIZARDS_WRITE']);
    const mint = await server.graphql(
      CREATE,
      { input: { name: 'x', scopes: ['WIZARDS_READ'] } },
      key(secret),
    );
    expect(mint.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const password = await server.graphql(
      'mutation { changePassword(input: { currentPassword: "a long password", newPassword: "another long one" }) { token } }',
      {},
      key(secret),
    );
    expect(password.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const list = await server.graphql(KEYS, {}, key(secret));
    expect(list.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it.each([
    [
      'a revoked key',
      async (secret: string, id: string) => {
        const { body } = await server.graphql(REVOKE, { input: { id } }, session(admin.token));
        expect(body.data!.revokeApiKey.apiKey.revokedAt).not.toBeNull();
        return secret;
      },
    ],
    [
      'an expired key',
      async (secret: string, id: string) => {
        await db.dataSource.query(
          "UPDATE api_keys SET expires_at = now() - interval '1 minute' WHERE api_key_id = $1",
          [id],
        );
        return secret;
      },
    ],
    [
      'a tampered key',
      (secret: string) =>
        Promise.resolve(`${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`),
    ],
    ['a malformed key', () => Promise.resolve('mwp_nonsense')],
    [
      'the key of an inactive owner',
      async (secret: string) => {
        const owner = await account(`gone${Date.now()}@example.com`);
        const created = await createKey(['WIZARDS_READ'], owner);
        await db.dataSource.query('UPDATE users SET is_active = false WHERE user_id = $1', [
          owner.id,
        ]);
        void secret;
        return created.secret;
      },
    ],
  ])('refuses %s with 401 UNAUTHENTICATED', async (_what, spoil) => {
    const { secret, apiKey } = await createKey(['WIZARDS_READ']);
    const presented = await spoil(secret, apiKey.id);
    const response = await server.graphql(ME, {}, key(presented));
    expect(response.status).toBe(401);
    expect(response.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it("answers NOT_FOUND for revoking another user's key, and leaves it working", async () => {
    const { secret, apiKey } = await createKey(['WIZARDS_READ']);
    const { body } = await server.graphql(
      REVOKE,
      { input: { id: apiKey.id } },
      session(other.token),
    );
    expect(body.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await server.graphql(ME, {}, key(secret))).body.data!.me.id).toBe(admin.id);
  });

  it.each([
    ['an expiry in the past', { scopes: ['WIZARDS_READ'], expiresAt: '2000-01-01T00:00:00Z' }],
    ['no scopes', { scopes: [] }],
    ['an unknown scope', { scopes: ['EVERYTHING'] }],
    ['an empty name', { name: '', scopes: ['WIZARDS_READ'] }],
  ])('refuses %s with BAD_USER_INPUT and writes nothing', async (_what, input) => {
    const before = await db.dataSource.query('SELECT count(*)::int AS n FROM api_keys');
    const { body } = await server.graphql(
      CREATE,
      { input: { name: 'k', ...input } },
      session(admin.token),
    );
    expect(body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await db.dataSource.query('SELECT count(*)::int AS n FROM api_keys')).toEqual(before);
  });

  it('refuses anonymous callers with UNAUTHENTICATED', async () => {
    const { body } = await server.graphql(CREATE, {
      input: { name: 'k', scopes: ['WIZARDS_READ'] },
    });
    expect(body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('authenticates over graphql-ws, and closes with 4403 for a bad key', async () => {
    const { secret } = await createKey(['WIZARDS_READ']);
    const me = async (apiKey: string) => {
      const client = createClient({
        url: `ws://127.0.0.1:${server.port}/graphql`,
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        connectionParams: { apiKey },
      });
      try {
        for await (const result of client.iterate({ query: ME })) return result.data?.me;
      } catch (error) {
        return (error as { code: number }).code;
      } finally {
        await client.dispose();
      }
    };
    expect(await me(secret)).toEqual({ id: admin.id });
    expect(await me('mwp_forged')).toBe(4403);
  });
});

import { createClient } from 'graphql-ws';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { asSystem } from '../../src/database/system-context';
import { TEST_DB_CONFIG } from '../helpers/test-database-url';
import WebSocket from 'ws';
import type { Viewer } from '../../src/auth/viewer';
import { RequestDatabase, TransactionRolledBackError } from '../../src/database/request-database';
import { UserRole } from '../../src/entities/enums';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { inRequest } from '../helpers/request-database';

const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) { token user { id } } }`;

/** Connections of this database left inside a transaction (a request that never ended). */
async function idleInTransaction(db: TestDatabase): Promise<number> {
  const [{ n }] = await db.dataSource.query<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM pg_stat_activity
     WHERE datname = current_database() AND state LIKE 'idle in transaction%'`,
  );
  return n;
}

describe('RequestDatabase', () => {
  let db: TestDatabase;
  let userId: number;
  let viewer: Viewer;

  beforeAll(async () => {
    db = await createTestDatabase();
    const [row] = await db.dataSource.query<{ user_id: number }[]>(
      "INSERT INTO users (email, password_hash) VALUES ('tx@example.com', 'x') RETURNING user_id",
    );
    userId = row.user_id;
    viewer = { kind: 'user', userId, role: UserRole.USER };
  });
  afterAll(async () => {
    await db?.drop();
  });

  const renameTo = (rdb: RequestDatabase, name: string) =>
    rdb.transaction((manager) =>
      manager.query('UPDATE users SET full_name = $1 WHERE user_id = $2', [name, userId]),
    );
  const nameNow = async () =>
    (
      await db.dataSource.query<{ full_name: string }[]>(
        'SELECT full_name FROM users WHERE user_id = $1',
        [userId],
      )
    )[0].full_name;

  it('opens no transaction for a request that reads nothing', async () => {
    const rdb = new RequestDatabase(db.dataSource, viewer);
    let ran = false;
    rdb.onCommit(() => {
      ran = true;
    });
    await rdb.finish();
    expect(ran).toBe(true);
    expect(await idleInTransaction(db)).toBe(0);
  });

  it('undoes only the failed piece of work and commits the rest', async () => {
    const rdb = new RequestDatabase(db.dataSource, viewer);
    await renameTo(rdb, 'kept');
    await expect(
      rdb.transaction(async (manager) => {
        await manager.query('UPDATE users SET full_name = $1 WHERE user_id = $2', ['lost', userId]);
        throw new Error('the second mutation fails');
      }),
    ).rejects.toThrow('the second mutation fails');
    expect(await nameNow()).not.toBe('kept'); // not visible before the request commits
    await rdb.finish();
    expect(await nameNow()).toBe('kept');
  });

  /** Who the request's statements run as, read on its own connection. */
  const whoAmI = (rdb: RequestDatabase) =>
    rdb.read<{ role: string; userId: string | null; context: string | null }>({
      text: `SELECT current_user AS role, current_setting('app.user_id', true) AS "userId",
                    current_setting('app.context', true) AS context`,
    });
  const asViewer = () => ({ role: 'wizard_app', userId: String(userId), context: 'request' });

  it('undoes a failed first write (which has no savepoint) and goes on as the same viewer', async () => {
    const rdb = new RequestDatabase(db.dataSource, viewer);
    const before = await nameNow();
    await expect(
      rdb.transaction(async (manager) => {
        await manager.query('UPDATE users SET full_name = $1 WHERE user_id = $2', ['lost', userId]);
        throw new Error('the first mutation fails');
      }),
    ).rejects.toThrow('the first mutation fails');
    expect(await whoAmI(rdb)).toEqual([asViewer()]);
    await rdb.finish();
    expect(await nameNow()).toBe(before);
    expect(await idleInTransaction(db)).toBe(0);
  });

  it('commits what a later write does after a failed first write, aborted or not', async () => {
    for (const failure of ['SELECT 1 / 0', 'SELECT 1']) {
      const rdb = new RequestDatabase(db.dataSource, viewer);
      await expect(
        rdb.transaction(async (manager) => {
          await manager.query('UPDATE users SET full_name = $1 WHERE user_id = $2', ['x', userId]);
          await manager.query(failure);
          throw new Error('refused');
        }),
      ).rejects.toThrow(failure === 'SELECT 1' ? 'refused' : /division by zero/);
      await renameTo(rdb, `kept after ${failure}`);
      await rdb.finish();
      expect(await nameNow()).toBe(`kept after ${failure}`);
    }
  });

  it('runs no statement outside the transaction while it undoes a first write', async () => {
    const rdb = new RequestDatabase(db.dataSource, viewer);
    const reads: Promise<unknown>[] = [];
    const readNow = () =>
      reads.push(
        whoAmI(rdb).then(
          (rows) => rows[0],
          () => 'refused',
        ),
      );
    await expect(
      rdb.transaction(async (manager) => {
        readNow(); // queued before the failing statement
        await manager.query('SELECT 1 / 0').catch((error: unknown) => {
          readNow(); // queued before the rollback: it meets the aborted transaction
          throw error;
        });
      }),
    ).rejects.toThrow(/division by zero/);
    readNow(); // after the transaction opened again
    expect(await Promise.all(reads)).toEqual([asViewer(), 'refused', asViewer()]);
    await rdb.finish();
  });

  it('refuses every later statement when the transaction cannot be opened again', async () => {
    const rdb = new RequestDatabase(db.dataSource, viewer);
    const before = await nameNow();
    await expect(
      rdb.transaction(async (manager) => {
        await manager.query('UPDATE users SET full_name = $1 WHERE user_id = $2', ['x', userId]);
        const [{ pid }] = await manager.query<{ pid: number }[]>('SELECT pg_backend_pid() AS pid');
        // Waits (up to 5 s) until the backend is gone.
        await db.dataSource.query('SELECT pg_terminate_backend($1, 5000)', [pid]);
        throw new Error('the connection is gone');
      }),
    ).rejects.toThrow('the connection is gone');
    await expect(whoAmI(rdb)).rejects.toBeInstanceOf(TransactionRolledBackError);
    await expect(renameTo(rdb, 'never written')).rejects.toBeInstanceOf(TransactionRolledBackError);
    await rdb.finish();
    expect(await nameNow()).toBe(before);
    // The pool still serves requests.
    await inRequest(db.dataSource, viewer, (next) => renameTo(next, 'next request'));
    expect(await nameNow()).toBe('next request');
  });

  it('drops the after-commit hooks of a piece of work that failed', async () => {
    const rdb = new RequestDatabase(db.dataSource, viewer);
    const ran: string[] = [];
    await rdb.transaction((manager) => {
      rdb.onCommit(() => void ran.push('kept'));
      return manager.query('SELECT 1');
    });
    await expect(
      rdb.transaction(async (manager) => {
        await manager.query('UPDATE users SET full_name = $1 WHERE user_id = $2', ['x', userId]);
        rdb.onCommit(() => void ran.push('undone'));
        throw new Error('fails after registering a hook');
      }),
    ).rejects.toThrow('fails after registering a hook');
    await rdb.finish();
    expect(ran).toEqual(['kept']);
  });

  it('refuses to report success when a failed statement aborted the transaction', async () => {
    const rdb = new RequestDatabase(db.dataSource, viewer);
    let hookRan = false;
    rdb.onCommit(() => {
      hookRan = true;
    });
    await renameTo(rdb, 'never committed');
    await expect(rdb.read({ text: 'SELECT 1 / 0' })).rejects.toThrow(/division by zero/);
    await expect(rdb.finish()).rejects.toBeInstanceOf(TransactionRolledBackError);
    expect(await nameNow()).not.toBe('never committed');
    expect(hookRan).toBe(false);
    expect(await idleInTransaction(db)).toBe(0);
  });

  it('rolls back on request and runs no after-commit hook', async () => {
    const rdb = new RequestDatabase(db.dataSource, viewer);
    let hookRan = false;
    rdb.onCommit(() => {
      hookRan = true;
    });
    await renameTo(rdb, 'rolled back');
    await rdb.finish(false);
    expect(await nameNow()).not.toBe('rolled back');
    expect(hookRan).toBe(false);
  });

  it('can be used again after finishing (a subscription resolves each event so)', async () => {
    const rdb = new RequestDatabase(db.dataSource, viewer);
    await renameTo(rdb, 'first');
    await rdb.finish();
    await renameTo(rdb, 'second');
    await rdb.finish();
    expect(await nameNow()).toBe('second');
  });
});

describe('an exhausted pool', () => {
  it('fails a waiting caller after the connect timeout instead of hanging', async () => {
    const db = await createTestDatabase();
    const tiny = new DataSource(
      dataSourceOptions(db.url, { ...TEST_DB_CONFIG, dbPoolSize: 1, dbConnectTimeoutMs: 300 }),
    );
    await tiny.initialize();
    const holder = new RequestDatabase(tiny, { kind: 'anonymous' });
    try {
      await holder.manager(); // the only connection is now the request's
      await expect(asSystem(tiny, (manager) => manager.query('SELECT 1'))).rejects.toThrow(
        /timeout/i,
      );
    } finally {
      await holder.finish();
      await tiny.destroy();
      await db.drop();
    }
  });
});

describe('request transactions through the server', () => {
  let db: TestDatabase;
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startTestServer(db.dataSource);
    const { body } = await server.graphql(REGISTER, {
      input: { email: 'owner@example.com', fullName: 'Owner', password: 'a long password' },
    });
    token = body.data!.register.token as string;
  });
  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });

  it('keeps what an earlier mutation of a document wrote when a later one fails', async () => {
    const { body } = await server.graphql(
      `mutation {
        created: createApiKey(input: { name: "kept", scopes: [WIZARDS_READ] }) { apiKey { id } }
        missing: revokeApiKey(input: { id: "999999" }) { apiKey { id } }
      }`,
      {},
      { authorization: `Bearer ${token}` },
    );
    // Both payloads are non-null, so the failure nulls `data`; the first write still stands.
    expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    const rows = await db.dataSource.query<{ key_name: string }[]>(
      "SELECT key_name FROM api_keys WHERE key_name = 'kept'",
    );
    expect(rows).toEqual([{ key_name: 'kept' }]);
  });

  it('has committed a mutation by the time its response arrives', async () => {
    const { body } = await server.graphql(
      'mutation { createApiKey(input: { name: "visible", scopes: [WIZARDS_READ] }) { apiKey { id } } }',
      {},
      { authorization: `Bearer ${token}` },
    );
    const [{ n }] = await db.dataSource.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM api_keys WHERE api_key_id = $1',
      [body.data!.createApiKey.apiKey.id],
    );
    expect(n).toBe(1);
  });

  it('ends every transaction it opens, over HTTP and over WebSocket', async () => {
    const me = '{ me { id } wizards { edges { node { id } } } }';
    const headers = { authorization: `Bearer ${token}` };
    await Promise.all(Array.from({ length: 30 }, () => server.graphql(me, {}, headers)));
    const client = createClient({
      url: server.url.replace('http', 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: headers,
      retryAttempts: 0,
    });
    try {
      for (let i = 0; i < 30; i++) {
        const result = await new Promise<unknown>((resolve, reject) => {
          let value: unknown;
          client.subscribe(
            { query: me },
            { next: (v) => (value = v), error: reject, complete: () => resolve(value) },
          );
        });
        expect(result).toMatchObject({ data: { me: { id: expect.any(String) } } });
      }
    } finally {
      await client.dispose();
    }
    expect(await idleInTransaction(db)).toBe(0);
  });

  it('ends the transaction a token check opened when Apollo refuses the request itself', async () => {
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const refused = () => [
      // The context (and with it the token's check) exists before Apollo reads the body.
      fetch(server.url, { method: 'POST', headers, body: '{}' }),
      fetch(server.url, { method: 'POST', headers, body: '{"query": 42}' }),
      fetch(`${server.url}?query=${encodeURIComponent('mutation { logout }')}`, {
        headers: { ...headers, 'apollo-require-preflight': 'true' },
      }),
    ];
    // More refusals than the pool has connections: a leaked one each would exhaust it.
    const responses = await Promise.all([...refused(), ...refused(), ...refused(), ...refused()]);
    for (const response of responses) expect([400, 405]).toContain(response.status);
    await Promise.all(responses.map((r) => r.text()));
    let left = await idleInTransaction(db);
    for (let i = 0; i < 50 && left > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      left = await idleInTransaction(db);
    }
    expect(left).toBe(0);
    const { body } = await server.graphql(
      '{ me { id } }',
      {},
      { authorization: `Bearer ${token}` },
    );
    expect(body.data?.me).toEqual({ id: expect.any(String) });
  });
});

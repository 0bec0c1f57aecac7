import { DataSource } from 'typeorm';
import type { Viewer } from '../../src/auth/viewer';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { RequestDatabase } from '../../src/database/request-database';
import { asSystem } from '../../src/database/system-context';
import { APP_ROLE } from '../../src/database/viewer-settings';
import { UserRole } from '../../src/entities/enums';
import { insertGeneratedWizards } from '../helpers/fixtures';
import { inRequest } from '../helpers/request-database';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { TEST_DB_CONFIG } from '../helpers/test-database-url';

/** Every table the policies protect, with the column that names its owner (for the checks). */
const PRIVATE_TABLES = [
  'users',
  'api_keys',
  'security_events',
  'wizard_user_sessions',
  'wizard_user_selections',
  'wizard_step_skips',
  'wizard_session_templates',
  'wizard_session_shares',
  'wizard_session_replays',
  'wizard_session_activity_log',
];

/** Rows per private table that belong to a user (through their session where there is no user). */
const OWNED_BY = (user: number) => ({
  users: `SELECT count(*)::int AS n FROM users WHERE user_id = ${user}`,
  api_keys: `SELECT count(*)::int AS n FROM api_keys WHERE user_id = ${user}`,
  wizard_user_sessions: `SELECT count(*)::int AS n FROM wizard_user_sessions WHERE user_id = ${user}`,
  wizard_user_selections: `SELECT count(*)::int AS n FROM wizard_user_selections sel
    JOIN wizard_user_sessions s USING (session_id) WHERE s.user_id = ${user}`,
  wizard_step_skips: `SELECT count(*)::int AS n FROM wizard_step_skips k
    JOIN wizard_user_sessions s USING (session_id) WHERE s.user_id = ${user}`,
  wizard_session_templates: `SELECT count(*)::int AS n FROM wizard_session_templates WHERE user_id = ${user}`,
  wizard_session_shares: `SELECT count(*)::int AS n FROM wizard_session_shares WHERE shared_by_user_id = ${user}`,
  wizard_session_replays: `SELECT count(*)::int AS n FROM wizard_session_replays WHERE user_id = ${user}`,
  wizard_session_activity_log: `SELECT count(*)::int AS n FROM wizard_session_activity_log WHERE user_id = ${user}`,
});

interface Fixture {
  a: number;
  b: number;
  admin: number;
  root: number;
  sessionOf: Map<number, number>;
  shareOfA: number;
}

/** Users A, B, an ADMIN and a SUPER_ADMIN, each with one row in every private table. */
async function insertFixture(dataSource: DataSource): Promise<Fixture> {
  const [wizardId] = await insertGeneratedWizards(dataSource, 1, {
    steps: 2,
    setsPerStep: 1,
    optionsPerSet: 3,
  });
  const [{ step_id: stepId, set_id: setId }] = await dataSource.query<
    { step_id: number; set_id: number }[]
  >('SELECT step_id, set_id FROM wizard_option_sets ORDER BY set_id LIMIT 1');
  const ids: number[] = [];
  for (const [email, role] of [
    ['a@example.com', 'USER'],
    ['b@example.com', 'USER'],
    ['admin@example.com', 'ADMIN'],
    ['root@example.com', 'SUPER_ADMIN'],
  ]) {
    const [row] = await dataSource.query<{ user_id: number }[]>(
      `INSERT INTO users (email, password_hash, user_role) VALUES ($1, 'x', $2) RETURNING user_id`,
      [email, role],
    );
    ids.push(row.user_id);
  }
  const [a, b, admin, root] = ids;
  const sessionOf = new Map<number, number>();
  for (const user of ids) {
    const [{ session_id: session }] = await dataSource.query<{ session_id: number }[]>(
      `INSERT INTO wizard_user_sessions (wizard_id, user_id, session_name, session_token)
       VALUES ($1, $2, 'mine', $3) RETURNING session_id`,
      [wizardId, user, `token-${user}`],
    );
    sessionOf.set(user, session);
    await dataSource.query(
      `INSERT INTO wizard_user_selections (session_id, step_id, set_id, selected_value)
       VALUES ($1, $2, $3, 'secret of ' || $4)`,
      [session, stepId, setId, user],
    );
    await dataSource.query('INSERT INTO wizard_step_skips (session_id, step_id) VALUES ($1, $2)', [
      session,
      stepId,
    ]);
    const [{ template_id: template }] = await dataSource.query<{ template_id: number }[]>(
      `INSERT INTO wizard_session_templates
         (wizard_id, original_session_id, user_id, template_name, config_json)
       VALUES ($1, $2, $3, 'private', '{}') RETURNING template_id`,
      [wizardId, session, user],
    );
    await dataSource.query(
      `INSERT INTO wizard_session_replays (user_id, wizard_id, template_id, new_session_id)
       VALUES ($1, $2, $3, $4)`,
      [user, wizardId, template, session],
    );
    await dataSource.query(
      `INSERT INTO wizard_session_activity_log (session_id, wizard_id, user_id, activity_type)
       VALUES ($1, $2, $3, 'SESSION_STARTED')`,
      [session, wizardId, user],
    );
    await dataSource.query(
      `INSERT INTO api_keys (user_id, key_name, key_prefix, key_hash, scopes)
       VALUES ($1, 'k', $2, repeat('0', 64), '{}')`,
      [user, `mwp_${String(user).padStart(10, '0')}`],
    );
    await dataSource.query(
      `INSERT INTO security_events (user_id, kind, severity) VALUES ($1, 'LOGIN_FAILED', 'WARNING')`,
      [user],
    );
  }
  // Each user shares their session with nobody in particular (an open, token-only share).
  let shareOfA = 0;
  for (const user of ids) {
    const [{ share_id: share }] = await dataSource.query<{ share_id: number }[]>(
      `INSERT INTO wizard_session_shares (session_id, wizard_id, shared_by_user_id, share_token)
       VALUES ($1, $2, $3, $4) RETURNING share_id`,
      [sessionOf.get(user), wizardId, user, `share-${user}`],
    );
    if (user === a) shareOfA = share;
  }
  return { a, b, admin, root, sessionOf, shareOfA };
}

const viewer = (userId: number, role = UserRole.USER): Viewer => ({ kind: 'user', userId, role });

describe('row-level security', () => {
  let db: TestDatabase;
  let f: Fixture;

  /** Runs SQL as the viewer would in a request: application role, viewer set, one transaction. */
  const asViewer = <T extends Record<string, unknown>>(
    who: Viewer,
    text: string,
    values: unknown[] = [],
  ) => inRequest(db.dataSource, who, (rdb) => rdb.read<T>({ text, values }));
  const countAs = async (who: Viewer, table: string) =>
    (await asViewer<{ n: number }>(who, `SELECT count(*)::int AS n FROM ${table}`))[0].n;

  beforeAll(async () => {
    db = await createTestDatabase();
    f = await insertFixture(db.dataSource);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('runs request work as a role that is neither superuser nor BYPASSRLS', async () => {
    const [row] = await asViewer<{ role: string; superuser: boolean; bypass: boolean }>(
      viewer(f.a),
      `SELECT current_user AS role, rolsuper AS superuser, rolbypassrls AS bypass
       FROM pg_roles WHERE rolname = current_user`,
    );
    expect(row).toEqual({ role: APP_ROLE, superuser: false, bypass: false });
    const [connecting] = await db.dataSource.query<{ superuser: boolean }[]>(
      'SELECT rolsuper AS superuser FROM pg_roles WHERE rolname = current_user',
    );
    // The test database connects as a superuser, like the embedded default: the policies must
    // hold all the same.
    expect(connecting.superuser).toBe(true);
  });

  it('enables and forces row-level security on every private table', async () => {
    const rows = await db.dataSource.query<{ table: string; enabled: boolean; forced: boolean }[]>(
      `SELECT relname AS table, relrowsecurity AS enabled, relforcerowsecurity AS forced
       FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relname = ANY($1)`,
      [PRIVATE_TABLES],
    );
    expect(rows).toHaveLength(PRIVATE_TABLES.length);
    for (const row of rows) expect(row).toMatchObject({ enabled: true, forced: true });
  });

  it('shows no private rows to the application role with no viewer set', async () => {
    for (const table of PRIVATE_TABLES) {
      expect({ table, rows: await countAs({ kind: 'anonymous' }, table) }).toEqual({
        table,
        rows: 0,
      });
    }
  });

  it("shows user A only A's rows, and B only B's", async () => {
    for (const user of [f.a, f.b]) {
      for (const [table, ownSql] of Object.entries(OWNED_BY(user))) {
        const [{ n: own }] = await db.dataSource.query<{ n: number }[]>(ownSql);
        expect(own).toBeGreaterThan(0);
        const visible = await countAs(viewer(user), table);
        expect({ table, visible }).toEqual({ table, visible: own });
      }
      const values = await asViewer<{ selected_value: string }>(
        viewer(user),
        'SELECT selected_value FROM wizard_user_selections',
      );
      expect(values).toEqual([{ selected_value: `secret of ${user}` }]);
    }
  });

  it('lets authors read sessions and activity but not API keys or security events', async () => {
    const admin = viewer(f.admin, UserRole.ADMIN);
    expect(await countAs(admin, 'wizard_user_sessions')).toBe(4);
    expect(await countAs(admin, 'wizard_session_activity_log')).toBe(4);
    expect(await countAs(admin, 'users')).toBe(4);
    expect(await countAs(admin, 'api_keys')).toBe(1);
    expect(await countAs(admin, 'security_events')).toBe(0);
    const root = viewer(f.root, UserRole.SUPER_ADMIN);
    expect(await countAs(root, 'security_events')).toBe(4);
    expect(await countAs(root, 'api_keys')).toBe(1);
  });

  it("refuses writes to another user's rows", async () => {
    const b = viewer(f.b);
    const sessionOfA = f.sessionOf.get(f.a)!;
    const updated = await inRequest(db.dataSource, b, async (rdb) => {
      const manager = await rdb.manager();
      const [, count] = await manager.query(
        "UPDATE wizard_user_sessions SET session_name = 'hijacked' WHERE session_id = $1",
        [sessionOfA],
      );
      return count;
    });
    expect(updated).toBe(0);
    await expect(
      inRequest(db.dataSource, b, (rdb) =>
        rdb.transaction((manager) =>
          manager.query(
            `INSERT INTO wizard_user_selections (session_id, step_id, set_id)
             SELECT session_id, step_id, set_id FROM wizard_user_selections WHERE session_id = $1`,
            [sessionOfA],
          ),
        ),
      ),
    ).resolves.toEqual([]); // B cannot even see A's selections to copy them
    await expect(
      inRequest(db.dataSource, b, (rdb) =>
        rdb.transaction((manager) =>
          manager.query(
            `INSERT INTO wizard_step_skips (session_id, step_id)
             SELECT $1, step_id FROM wizard_steps ORDER BY step_id DESC LIMIT 1`,
            [sessionOfA],
          ),
        ),
      ),
    ).rejects.toThrow(/row-level security/);
    const [row] = await db.dataSource.query<{ session_name: string }[]>(
      'SELECT session_name FROM wizard_user_sessions WHERE session_id = $1',
      [sessionOfA],
    );
    expect(row.session_name).toBe('mine');
  });

  it('keeps the activity log append-only for the application', async () => {
    const a = viewer(f.a);
    const changed = await inRequest(db.dataSource, a, async (rdb) => {
      const manager = await rdb.manager();
      const [, updated] = await manager.query(
        "UPDATE wizard_session_activity_log SET activity_type = 'SESSION_DELETED'",
      );
      const [, deleted] = await manager.query('DELETE FROM wizard_session_activity_log');
      return updated + deleted;
    });
    expect(changed).toBe(0);
  });

  it('keeps the system-work functions (token check, counter fold) from request work', async () => {
    for (const call of [
      'SELECT * FROM rls.token_account($1)',
      'SELECT wizard_counters_fold(ARRAY[$1::int])',
    ]) {
      await expect(
        inRequest(db.dataSource, viewer(f.a), (rdb) =>
          rdb.transaction((manager) => manager.query(call, [f.b])),
        ),
      ).rejects.toThrow(/permission denied/);
    }
  });

  it('keeps a user from raising their own role or reactivating themselves', async () => {
    const a = viewer(f.a);
    for (const change of ["user_role = 'SUPER_ADMIN'", 'is_active = false', 'is_guest = true']) {
      await expect(
        inRequest(db.dataSource, a, (rdb) =>
          rdb.transaction((manager) =>
            manager.query(`UPDATE users SET ${change} WHERE user_id = $1`, [f.a]),
          ),
        ),
      ).rejects.toThrow(/row-level security/);
    }
    // Their own password is theirs to change.
    const [, changed] = await inRequest(db.dataSource, a, (rdb) =>
      rdb.transaction((manager) =>
        manager.query<[unknown, number]>(
          "UPDATE users SET password_hash = 'y' WHERE user_id = $1",
          [f.a],
        ),
      ),
    );
    expect(changed).toBe(1);
    const [row] = await db.dataSource.query<{ user_role: string; is_active: boolean }[]>(
      'SELECT user_role, is_active FROM users WHERE user_id = $1',
      [f.a],
    );
    expect(row).toEqual({ user_role: 'USER', is_active: true });
    // A SUPER_ADMIN still changes roles (the service refuses their own).
    const [, promoted] = await inRequest(
      db.dataSource,
      viewer(f.root, UserRole.SUPER_ADMIN),
      (rdb) =>
        rdb.transaction((manager) =>
          manager.query<[unknown, number]>(
            "UPDATE users SET user_role = 'ADMIN' WHERE user_id = $1",
            [f.b],
          ),
        ),
    );
    expect(promoted).toBe(1);
    await db.dataSource.query("UPDATE users SET user_role = 'USER' WHERE user_id = $1", [f.b]);
  });

  it('lets share holders write activity only where the share lets them edit', async () => {
    const b = viewer(f.b);
    const sessionOfA = f.sessionOf.get(f.a)!;
    const logAsB = () =>
      inRequest(db.dataSource, b, (rdb) =>
        rdb.transaction((manager) =>
          manager.query(
            `INSERT INTO wizard_session_activity_log (session_id, wizard_id, user_id, activity_type)
             SELECT session_id, wizard_id, $2, 'STEP_COMPLETED' FROM wizard_user_sessions
              WHERE session_id = $1 RETURNING log_id`,
            [sessionOfA, f.b],
          ),
        ),
      );
    await db.dataSource.query(
      `UPDATE wizard_session_shares SET shared_with_user_id = $1, can_view = true, can_edit = false
        WHERE share_id = $2`,
      [f.b, f.shareOfA],
    );
    try {
      // B sees A's session (so the old policy admitted the row) but may not edit it.
      await expect(logAsB()).rejects.toThrow(/row-level security/);
      await db.dataSource.query(
        'UPDATE wizard_session_shares SET can_edit = true WHERE share_id = $1',
        [f.shareOfA],
      );
      await expect(logAsB()).resolves.toHaveLength(1);
    } finally {
      await db.dataSource.query(
        `UPDATE wizard_session_shares SET shared_with_user_id = NULL, can_edit = false
          WHERE share_id = $1`,
        [f.shareOfA],
      );
      await db.dataSource.query(
        `DELETE FROM wizard_session_activity_log WHERE session_id = $1 AND user_id = $2`,
        [sessionOfA, f.b],
      );
    }
  });

  it('keeps the owner columns of a session for its owner, even against an edit share', async () => {
    const b = viewer(f.b);
    const sessionOfA = f.sessionOf.get(f.a)!;
    await db.dataSource.query(
      'UPDATE wizard_session_shares SET shared_with_user_id = $1, can_edit = true WHERE share_id = $2',
      [f.b, f.shareOfA],
    );
    try {
      for (const change of [
        'deleted_at = now()',
        `user_id = ${f.b}`,
        "session_token = 'taken'",
        "session_name = 'renamed'",
        'store_user_data = false',
      ]) {
        await expect(
          inRequest(db.dataSource, b, (rdb) =>
            rdb.transaction((manager) =>
              manager.query(`UPDATE wizard_user_sessions SET ${change} WHERE session_id = $1`, [
                sessionOfA,
              ]),
            ),
          ),
        ).rejects.toThrow(/owner columns/);
      }
      // What an edit share is for: answering (here: the runtime columns) still works.
      const [, answered] = await inRequest(db.dataSource, b, (rdb) =>
        rdb.transaction((manager) =>
          manager.query<[unknown, number]>(
            'UPDATE wizard_user_sessions SET row_version = row_version + 1 WHERE session_id = $1',
            [sessionOfA],
          ),
        ),
      );
      expect(answered).toBe(1);
    } finally {
      await db.dataSource.query(
        'UPDATE wizard_session_shares SET shared_with_user_id = NULL, can_edit = false WHERE share_id = $1',
        [f.shareOfA],
      );
    }
    const [row] = await db.dataSource.query<{ user_id: number; deleted_at: Date | null }[]>(
      'SELECT user_id, deleted_at FROM wizard_user_sessions WHERE session_id = $1',
      [sessionOfA],
    );
    expect(row).toEqual({ user_id: f.a, deleted_at: null });
  });

  it('shows a shared session to the grantee only while the share is live', async () => {
    const b = viewer(f.b);
    const sessionOfA = f.sessionOf.get(f.a)!;
    const seesA = async () =>
      (
        await asViewer(b, 'SELECT session_id FROM wizard_user_sessions WHERE session_id = $1', [
          sessionOfA,
        ])
      ).length === 1;
    expect(await seesA()).toBe(false);
    await db.dataSource.query(
      'UPDATE wizard_session_shares SET shared_with_user_id = $1 WHERE share_id = $2',
      [f.b, f.shareOfA],
    );
    expect(await seesA()).toBe(true);
    await db.dataSource.query(
      "UPDATE wizard_session_shares SET expires_at = now() - interval '1 minute' WHERE share_id = $1",
      [f.shareOfA],
    );
    expect(await seesA()).toBe(false);
    await db.dataSource.query(
      'UPDATE wizard_session_shares SET expires_at = NULL, is_active = FALSE WHERE share_id = $1',
      [f.shareOfA],
    );
    expect(await seesA()).toBe(false);
    await db.dataSource.query(
      'UPDATE wizard_session_shares SET is_active = TRUE, shared_with_user_id = NULL WHERE share_id = $1',
      [f.shareOfA],
    );
  });

  it('shows the session summary view only for visible sessions', async () => {
    const rows = await asViewer<{ user_id: number }>(
      viewer(f.a),
      'SELECT user_id FROM v_user_session_summary',
    );
    expect(rows).toEqual([{ user_id: f.a }]);
    expect(await countAs({ kind: 'anonymous' }, 'v_user_session_summary')).toBe(0);
  });

  it('lets system work see everything', async () => {
    const count = await asSystem(db.dataSource, async (manager) => {
      await manager.query(`SET LOCAL ROLE ${APP_ROLE}`);
      const [{ n }] = await manager.query<{ n: number }[]>(
        'SELECT count(*)::int AS n FROM wizard_user_sessions',
      );
      return n;
    });
    expect(count).toBe(4);
  });

  it('keeps 1,000 interleaved requests of A and B apart over a pool of 2 connections', async () => {
    const small = new DataSource(dataSourceOptions(db.url, { ...TEST_DB_CONFIG, dbPoolSize: 2 }));
    await small.initialize();
    try {
      const leaks: string[] = [];
      const oneRequest = async (i: number) => {
        const user = i % 3 === 0 ? f.b : f.a; // uneven, so A and B land on either connection
        const rdb = new RequestDatabase(small, viewer(user));
        try {
          const sessions = await rdb.read<{ user_id: number }>({
            text: 'SELECT user_id FROM wizard_user_sessions',
          });
          await new Promise((resolve) => setImmediate(resolve)); // let other requests interleave
          const selections = await rdb.read<{ selected_value: string }>({
            text: 'SELECT selected_value FROM wizard_user_selections',
          });
          const settings = await rdb.read<{ id: string }>({
            text: "SELECT current_setting('app.user_id', true) AS id",
          });
          if (
            sessions.some((row) => row.user_id !== user) ||
            selections.some((row) => row.selected_value !== `secret of ${user}`) ||
            settings[0].id !== String(user)
          ) {
            leaks.push(`request ${i} of user ${user}`);
          }
        } finally {
          await rdb.finish();
        }
      };
      await Promise.all(Array.from({ length: 1000 }, (_, i) => oneRequest(i)));
      expect(leaks).toEqual([]);

      // Both connections, outside any transaction: no role and no viewer left behind.
      const runners = [small.createQueryRunner(), small.createQueryRunner()];
      try {
        const pids = new Set<number>();
        for (const runner of runners) {
          const [row] = (await runner.query(
            `SELECT pg_backend_pid() AS pid, current_user AS role,
                    current_setting('app.user_id', true) AS "userId",
                    current_setting('app.context', true) AS context`,
          )) as { pid: number; role: string; userId: string | null; context: string | null }[];
          pids.add(row.pid);
          expect(row.role).not.toBe(APP_ROLE);
          expect(row.userId ?? '').toBe('');
          expect(row.context ?? '').toBe('');
          await runner.query(`SET ROLE ${APP_ROLE}`);
          const [{ n }] = (await runner.query(
            'SELECT count(*)::int AS n FROM wizard_user_sessions',
          )) as { n: number }[];
          await runner.query('RESET ROLE');
          expect(n).toBe(0);
        }
        expect(pids.size).toBe(2);
      } finally {
        for (const runner of runners) await runner.release();
      }
    } finally {
      await small.destroy();
    }
  }, 60_000);
});

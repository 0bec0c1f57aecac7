import type { QueryRunner } from 'typeorm';
import { viewerSettingsSql } from '../../src/database/viewer-settings';
import { LOCK_SQL } from '../../src/services/sessions/session-access';
import { UserRole } from '../../src/entities/enums';
import { insertGeneratedWizards } from '../helpers/fixtures';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

/** Sessions of another user stored next to the owner's one. */
const OTHER_SESSIONS = 3000;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows': number;
  'Actual Loops': number;
  Plans?: PlanNode[];
}

/** A function a row-level security policy calls, as pg_proc describes it. */
interface PolicyFunction {
  proname: string;
  lanname: string;
  prosrc: string;
  proconfig: string[] | null;
  prosecdef: boolean;
}

const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];

/** The same policy as before the IndexFriendlySessionPolicies migration, for contrast. */
const OLD_SELECTIONS_POLICY = `CREATE POLICY wizard_user_selections_select ON wizard_user_selections
  FOR SELECT USING (rls.is_system() OR session_id IN (SELECT s.session_id FROM wizard_user_sessions s))`;

describe('session child-row policies', () => {
  let db: TestDatabase;
  let owner: number;
  let session: number;

  beforeAll(async () => {
    db = await createTestDatabase();
    const [wizardId] = await insertGeneratedWizards(db.dataSource, 1, {
      steps: 3,
      setsPerStep: 1,
      optionsPerSet: 3,
    });
    const [{ step_id: stepId, set_id: setId }] = await db.dataSource.query<
      { step_id: number; set_id: number }[]
    >('SELECT step_id, set_id FROM wizard_option_sets ORDER BY set_id LIMIT 1');
    const [[{ user_id: ownerId }], [{ user_id: otherId }]] = await Promise.all(
      ['owner@example.com', 'other@example.com'].map((email) =>
        db.dataSource.query<{ user_id: number }[]>(
          `INSERT INTO users (email, password_hash) VALUES ($1, 'x') RETURNING user_id`,
          [email],
        ),
      ),
    );
    owner = ownerId;
    // The other user's sessions first, each with three selections and two activity rows.
    await db.dataSource.query(
      `INSERT INTO wizard_user_sessions (wizard_id, user_id, session_name, session_token)
       SELECT $1, $2, 'other', 'token-' || n FROM generate_series(1, $3) n`,
      [wizardId, otherId, OTHER_SESSIONS],
    );
    [{ session_id: session }] = await db.dataSource.query<{ session_id: number }[]>(
      `INSERT INTO wizard_user_sessions (wizard_id, user_id, session_name, session_token)
       VALUES ($1, $2, 'mine', 'mine') RETURNING session_id`,
      [wizardId, owner],
    );
    await db.dataSource.query(
      `INSERT INTO wizard_user_selections (session_id, step_id, set_id, selected_value)
       SELECT s.session_id, $1, $2, 'v' || n FROM wizard_user_sessions s, generate_series(1, 3) n`,
      [stepId, setId],
    );
    await db.dataSource.query(
      `INSERT INTO wizard_session_activity_log (session_id, wizard_id, user_id, activity_type)
       SELECT s.session_id, s.wizard_id, s.user_id, 'SESSION_STARTED'
         FROM wizard_user_sessions s, generate_series(1, 2)`,
    );
    // Each of the other user's sessions is a replay of another: what a change asks of replays.
    await db.dataSource.query(
      `INSERT INTO wizard_session_replays (user_id, wizard_id, original_session_id, new_session_id)
       SELECT user_id, wizard_id, session_id - 1, session_id FROM wizard_user_sessions
        WHERE user_id = $1 AND session_id > 1`,
      [otherId],
    );
    await db.dataSource.query('ANALYZE');
  });

  afterAll(async () => {
    await db?.drop();
  });

  /** Per table: scans and rows fetched by this transaction so far (function calls included). */
  interface TableWork {
    seq_scan: number;
    idx_scan: number;
    idx_tup_fetch: number;
  }
  const workSoFar = async (runner: QueryRunner): Promise<Map<string, TableWork>> => {
    const rows = (await runner.query(
      `SELECT relname, seq_scan::int, COALESCE(idx_scan, 0)::int AS idx_scan,
              COALESCE(idx_tup_fetch, 0)::int AS idx_tup_fetch
         FROM pg_stat_xact_user_tables`,
    )) as ({ relname: string } & TableWork)[];
    return new Map(rows.map((row) => [row.relname, row]));
  };

  /**
   * EXPLAIN ANALYZE of `sql` as the owner in a request, after `setup` (all rolled back): the plan,
   * and what it did to each table. The policies' functions run their own statements, which the
   * plan does not show but the table statistics count.
   */
  async function asOwner(
    sql: string,
    setup: (runner: QueryRunner) => Promise<void> = () => Promise.resolve(),
  ): Promise<{ nodes: PlanNode[]; work: (table: string) => TableWork }> {
    const runner = db.dataSource.createQueryRunner();
    await runner.startTransaction();
    try {
      await setup(runner);
      await runner.query(viewerSettingsSql({ kind: 'user', userId: owner, role: UserRole.USER }));
      const before = await workSoFar(runner);
      const [row] = (await runner.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, [session])) as {
        'QUERY PLAN': [{ Plan: PlanNode }];
      }[];
      const after = await workSoFar(runner);
      const work = (table: string): TableWork => {
        const [was, is] = [before.get(table), after.get(table)];
        const delta = (key: keyof TableWork) => (is?.[key] ?? 0) - (was?.[key] ?? 0);
        return {
          seq_scan: delta('seq_scan'),
          idx_scan: delta('idx_scan'),
          idx_tup_fetch: delta('idx_tup_fetch'),
        };
      };
      return { nodes: nodesOf(row['QUERY PLAN'][0].Plan), work };
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  }

  it.each([
    ['wizard_user_selections', 3],
    ['wizard_session_activity_log', 2],
  ])('reads one session of %s by index, touching no other session', async (table, own) => {
    const { nodes, work } = await asOwner(`SELECT * FROM ${table} WHERE session_id = $1`);
    expect(nodes.filter((node) => node['Node Type'] === 'Seq Scan')).toEqual([]);
    expect(nodes.some((node) => node['Index Name']?.startsWith('idx_'))).toBe(true);
    expect(work(table)).toMatchObject({ seq_scan: 0, idx_tup_fetch: own });
    // Each of the session's rows checks its own session by primary key, and nothing else.
    const sessions = work('wizard_user_sessions');
    expect(sessions.seq_scan).toBe(0);
    expect(sessions.idx_tup_fetch).toBeLessThanOrEqual(own);
  });

  it("locks a session for a change reading only that session's rows, replays included", async () => {
    // (The one-row wizards table may be scanned: the planner's choice, not a stored-data cost.)
    const { work } = await asOwner(LOCK_SQL);
    expect(work('wizard_session_replays')).toMatchObject({ seq_scan: 0, idx_tup_fetch: 0 });
    expect(work('wizard_user_selections')).toMatchObject({ seq_scan: 0, idx_tup_fetch: 3 });
    expect(work('wizard_user_sessions').seq_scan).toBe(0);
    expect(work('wizard_user_sessions').idx_tup_fetch).toBeLessThanOrEqual(4);
  });

  it('would have read every stored session under the old policy (the check above can fail)', async () => {
    const { work } = await asOwner(
      'SELECT * FROM wizard_user_selections WHERE session_id = $1',
      async (runner) => {
        await runner.query('DROP POLICY wizard_user_selections_select ON wizard_user_selections');
        await runner.query(OLD_SELECTIONS_POLICY);
      },
    );
    const sessions = work('wizard_user_sessions');
    expect(sessions.seq_scan > 0 || sessions.idx_tup_fetch > OTHER_SESSIONS).toBe(true);
  });

  it('calls, from any policy, only functions planned once per statement or per connection', async () => {
    // An SQL function the planner cannot inline (a subquery in its body, a SET clause, SECURITY
    // DEFINER) has its body parsed and planned again in every statement that calls it. A policy
    // may call SQL functions that are one plain expression (inlined) and PL/pgSQL (plans kept).
    const called = await db.dataSource.query<PolicyFunction[]>(
      `SELECT DISTINCT p.proname, l.lanname, p.prosrc, p.proconfig, p.prosecdef
         FROM pg_policies pol
        CROSS JOIN LATERAL regexp_matches(
                COALESCE(pol.qual, '') || ' ' || COALESCE(pol.with_check, ''), 'rls\\.(\\w+)\\(', 'g') m
         JOIN pg_proc p ON p.proname = m[1] AND p.pronamespace = 'rls'::regnamespace
         JOIN pg_language l ON l.oid = p.prolang
        ORDER BY p.proname`,
    );
    expect(called.map((fn) => fn.proname)).toEqual([
      'is_admin',
      'is_system',
      'session_granted',
      'share_id',
      'user_id',
      'user_role',
    ]);
    for (const fn of called) {
      if (fn.lanname === 'plpgsql') continue;
      expect({ name: fn.proname, language: fn.lanname }).toEqual({
        name: fn.proname,
        language: 'sql',
      });
      // One SELECT of an expression: no FROM, no second SELECT, nothing that stops inlining.
      expect({ name: fn.proname, selects: fn.prosrc.match(/\bselect\b/gi)?.length }).toEqual({
        name: fn.proname,
        selects: 1,
      });
      expect(fn.prosrc.replace(/\bdistinct\s+from\b/gi, '')).not.toMatch(/\bfrom\b/i);
      expect(fn.proconfig).toBeNull();
      expect(fn.prosecdef).toBe(false);
    }
    const [tokenAccount] = await db.dataSource.query<{ lanname: string }[]>(
      `SELECT l.lanname FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
        WHERE p.oid = 'rls.token_account(integer)'::regprocedure`,
    );
    // Not a policy's, but on every bearer token's check, and its SET clause stops inlining.
    expect(tokenAccount.lanname).toBe('plpgsql');
  });

  it.each(['wizard_user_selections', 'wizard_step_skips', 'wizard_session_activity_log'])(
    'leaves no SQL function call in the plan of reading %s (each would be planned per statement)',
    async (table) => {
      const runner = db.dataSource.createQueryRunner();
      await runner.startTransaction();
      try {
        await runner.query(viewerSettingsSql({ kind: 'user', userId: owner, role: UserRole.USER }));
        const plan = (
          (await runner.query(`EXPLAIN (VERBOSE) SELECT * FROM ${table} WHERE session_id = $1`, [
            session,
          ])) as { 'QUERY PLAN': string }[]
        )
          .map((line) => line['QUERY PLAN'])
          .join('\n');
        const called = [...new Set([...plan.matchAll(/\brls\.(\w+)\(/g)].map((m) => m[1]))];
        const languages = (await runner.query(
          `SELECT p.proname, l.lanname FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
            WHERE p.pronamespace = 'rls'::regnamespace AND p.proname = ANY($1)`,
          [called],
        )) as { proname: string; lanname: string }[];
        // What the planner inlined shows as its expression; what is left is called as a function.
        expect(languages.filter((fn) => fn.lanname !== 'plpgsql')).toEqual([]);
        expect(plan).toMatch(/SubPlan/);
      } finally {
        await runner.rollbackTransaction();
        await runner.release();
      }
    },
  );
});

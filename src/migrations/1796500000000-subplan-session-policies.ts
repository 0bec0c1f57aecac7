import type { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * The policies of a session's child rows asked about the row's session through functions:
 * rls.session_visible (SQL) for reading, rls.session_editable (PL/pgSQL) for writing. The planner
 * does not inline an SQL function whose body holds a subquery, so session_visible's body was
 * parsed and planned again in every statement that read such a row or inserted one with RETURNING
 * (which checks the SELECT policy too): under load, a fifth of the database's CPU. PL/pgSQL keeps
 * its plan, but still starts an executor for every row it checks.
 *
 * The policies now hold the same EXISTS themselves, planned with their statement (a prepared
 * statement plans it once per connection): a primary-key lookup of the row's own session per
 * row, or, for a statement over many rows, one hashed pass over the visible sessions. Who may
 * read or change what is unchanged: the sessions table's own policy still applies inside the
 * EXISTS, and a share's edit grant is still asked of rls.session_granted.
 *
 * rls.token_account, on every bearer-token request's path, has a SET clause, so it is never
 * inlined either: it becomes PL/pgSQL with the same body, whose plan is kept per connection.
 *
 * Self-contained on purpose: a migration that has landed is never edited.
 */

type Command = 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE';

const SELECTIONS = 'wizard_user_selections';
const SKIPS = 'wizard_step_skips';
const ACTIVITY = 'wizard_session_activity_log';
const DELTAS = 'wizard_counter_deltas';

const visible = (table: string) =>
  `EXISTS (SELECT 1 FROM public.wizard_user_sessions s WHERE s.session_id = ${table}.session_id)`;
const editable = (table: string) =>
  `EXISTS (SELECT 1 FROM public.wizard_user_sessions s WHERE s.session_id = ${table}.session_id
     AND (s.user_id = rls.user_id() OR rls.session_granted(s.session_id, true)))`;

/** Each policy as it becomes, and as it was (migrations 1795500000000 to 1796100000000). */
const POLICIES: [table: string, command: Command, now: string, before: string][] = [
  ...[SELECTIONS, SKIPS].flatMap((table): [string, Command, string, string][] => [
    [
      table,
      'SELECT',
      `rls.is_system() OR ${visible(table)}`,
      'rls.is_system() OR rls.session_visible(session_id)',
    ],
    ...(['INSERT', 'UPDATE', 'DELETE'] as const).map(
      (command): [string, Command, string, string] => [
        table,
        command,
        `rls.is_system() OR ${editable(table)}`,
        'rls.is_system() OR rls.session_editable(session_id)',
      ],
    ),
  ]),
  [
    ACTIVITY,
    'SELECT',
    `rls.is_system() OR user_id = rls.user_id() OR rls.is_admin() OR ${visible(ACTIVITY)}`,
    'rls.is_system() OR user_id = rls.user_id() OR rls.is_admin() OR rls.session_visible(session_id)',
  ],
  [
    ACTIVITY,
    'INSERT',
    `rls.is_system() OR rls.is_admin() OR ${editable(ACTIVITY)}`,
    'rls.is_system() OR rls.is_admin() OR rls.session_editable(session_id)',
  ],
  [
    DELTAS,
    'INSERT',
    `rls.is_system() OR ${editable(DELTAS)}`,
    'rls.is_system() OR rls.session_editable(session_id)',
  ],
];

const TOKEN_ACCOUNT = `rls.token_account(p_user_id integer)
  RETURNS TABLE (user_id integer, user_role text, is_active boolean, password_hash text)`;
const TOKEN_ACCOUNT_BODY = `SELECT u.user_id, u.user_role::text, u.is_active, u.password_hash::text
  FROM public.users u WHERE u.user_id = p_user_id`;

export class SubplanSessionPolicies1796500000000 implements MigrationInterface {
  name = 'SubplanSessionPolicies1796500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const [table, command, now] of POLICIES)
      await replacePolicy(queryRunner, table, command, now);
    await queryRunner.query('DROP FUNCTION rls.session_visible(integer)');
    await queryRunner.query('DROP FUNCTION rls.session_editable(integer)');
    // CREATE OR REPLACE keeps the function's grants (revoked from PUBLIC).
    await queryRunner.query(`CREATE OR REPLACE FUNCTION ${TOKEN_ACCOUNT}
      LANGUAGE plpgsql STABLE SET app.context = 'system'
      AS $$ BEGIN RETURN QUERY ${TOKEN_ACCOUNT_BODY}; END $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE OR REPLACE FUNCTION ${TOKEN_ACCOUNT}
      LANGUAGE sql STABLE SET app.context = 'system' AS $$ ${TOKEN_ACCOUNT_BODY} $$`);
    await queryRunner.query(`CREATE FUNCTION rls.session_visible(p_session_id integer)
      RETURNS boolean LANGUAGE sql STABLE
      AS $$ SELECT EXISTS (SELECT 1 FROM public.wizard_user_sessions s
                            WHERE s.session_id = p_session_id) $$`);
    await queryRunner.query(`CREATE FUNCTION rls.session_editable(p_session_id integer)
      RETURNS boolean LANGUAGE plpgsql STABLE
      AS $$ BEGIN RETURN EXISTS (SELECT 1 FROM public.wizard_user_sessions s
        WHERE s.session_id = p_session_id
          AND (s.user_id = rls.user_id() OR rls.session_granted(s.session_id, true))); END $$`);
    for (const signature of ['session_visible(integer)', 'session_editable(integer)'])
      await queryRunner.query(`GRANT EXECUTE ON FUNCTION rls.${signature} TO wizard_app`);
    for (const [table, command, , before] of POLICIES)
      await replacePolicy(queryRunner, table, command, before);
  }
}

async function replacePolicy(
  queryRunner: QueryRunner,
  table: string,
  command: Command,
  rule: string,
) {
  const name = `${table}_${command.toLowerCase()}`;
  await queryRunner.query(`DROP POLICY ${name} ON ${table}`);
  const clause =
    command === 'INSERT'
      ? `WITH CHECK (${rule})`
      : command === 'UPDATE'
        ? `USING (${rule}) WITH CHECK (${rule})`
        : `USING (${rule})`;
  await queryRunner.query(`CREATE POLICY ${name} ON ${table} FOR ${command} ${clause}`);
}

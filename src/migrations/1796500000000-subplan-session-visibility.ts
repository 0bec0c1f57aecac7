import type { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * The SELECT policies of a session's selections, skips and activity asked
 * rls.session_visible(session_id), an SQL function the IndexFriendlySessionPolicies migration
 * took to be inlined. The planner does not inline an SQL function whose body holds a subquery
 * (its EXISTS), so PostgreSQL parsed and planned that body again in every statement that read
 * such a row, or inserted one with RETURNING (which checks the SELECT policy too): under load, a
 * fifth of the database's CPU. The policies now hold the same EXISTS themselves, planned with
 * their statement (a prepared statement plans it once per connection): a primary-key lookup of
 * the row's own session per row read, or one hashed pass over the visible sessions when a
 * statement reads many rows. Who may see what is unchanged.
 *
 * rls.token_account, on every bearer-token request's path, has a SET clause, so it is never
 * inlined either: it becomes PL/pgSQL with the same body, whose plan is kept per connection.
 *
 * Self-contained on purpose: a migration that has landed is never edited.
 */

const CHILD_TABLES = ['wizard_user_selections', 'wizard_step_skips'];
const ACTIVITY = 'wizard_session_activity_log';

const sessionExists = (table: string) =>
  `EXISTS (SELECT 1 FROM public.wizard_user_sessions s WHERE s.session_id = ${table}.session_id)`;
const VISIBLE_NOW = (table: string) => `rls.is_system() OR ${sessionExists(table)}`;
const ACTIVITY_NOW = `rls.is_system() OR user_id = rls.user_id() OR rls.is_admin() OR ${sessionExists(ACTIVITY)}`;

const VISIBLE_BEFORE = 'rls.is_system() OR rls.session_visible(session_id)';
const ACTIVITY_BEFORE = `rls.is_system() OR user_id = rls.user_id() OR rls.is_admin() OR rls.session_visible(session_id)`;

const TOKEN_ACCOUNT = `rls.token_account(p_user_id integer)
  RETURNS TABLE (user_id integer, user_role text, is_active boolean, password_hash text)`;
const TOKEN_ACCOUNT_BODY = `SELECT u.user_id, u.user_role::text, u.is_active, u.password_hash::text
  FROM public.users u WHERE u.user_id = p_user_id`;

export class SubplanSessionVisibility1796500000000 implements MigrationInterface {
  name = 'SubplanSessionVisibility1796500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of CHILD_TABLES) await replaceSelect(queryRunner, table, VISIBLE_NOW(table));
    await replaceSelect(queryRunner, ACTIVITY, ACTIVITY_NOW);
    await queryRunner.query('DROP FUNCTION rls.session_visible(integer)');
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
    await queryRunner.query('GRANT EXECUTE ON FUNCTION rls.session_visible(integer) TO wizard_app');
    await replaceSelect(queryRunner, ACTIVITY, ACTIVITY_BEFORE);
    for (const table of CHILD_TABLES) await replaceSelect(queryRunner, table, VISIBLE_BEFORE);
  }
}

async function replaceSelect(queryRunner: QueryRunner, table: string, rule: string) {
  await queryRunner.query(`DROP POLICY ${table}_select ON ${table}`);
  await queryRunner.query(`CREATE POLICY ${table}_select ON ${table} FOR SELECT USING (${rule})`);
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * The policies on a session's child rows asked `session_id IN (SELECT session_id FROM
 * wizard_user_sessions)`: PostgreSQL ran that subquery once over every session the viewer may
 * see (all of them, checked one by one), so reading one session's ten selections cost more the
 * more sessions were stored. Now each child row asks about its own session only, through a
 * primary-key lookup (rls.session_visible, inlined by the planner; rls.session_editable), so the
 * cost follows the rows read, not the rows stored. Who may do what is unchanged, except:
 *
 * - wizard_session_activity_log INSERT needed only a visible session, so a view-only share
 *   holder could write activity on the owner's session. Now: a session the viewer may change,
 *   or an author (authors act on sessions they can see, e.g. saving one as a template).
 * - A can_edit share let its holder change any column of the session row, so also delete it
 *   (deleted_at), take it (user_id) or replace its token. A trigger now keeps the columns that
 *   are the owner's (owner, wizard, token, deletion, name, description, privacy) for the owner.
 * - users UPDATE let a user rewrite any column of their own row, user_role included. Now a user's
 *   own row keeps the role the request runs with, stays active and stays what it was as a guest;
 *   only system work and a SUPER_ADMIN change roles and activation.
 *
 * rls.token_account(id) reads what checking a bearer token needs (role, activation, password
 * hash) as system work in one statement, without a transaction around it: authentication is on
 * every request's path.
 *
 * Self-contained on purpose: a migration that has landed is never edited.
 */

const CHILD_TABLES = ['wizard_user_selections', 'wizard_step_skips'];

const VISIBLE = 'rls.is_system() OR rls.session_visible(session_id)';
const ACTIVITY_SELECT = `rls.is_system() OR user_id = rls.user_id() OR rls.is_admin() OR rls.session_visible(session_id)`;
const ACTIVITY_INSERT = 'rls.is_system() OR rls.is_admin() OR rls.session_editable(session_id)';
const OLD_VISIBLE =
  'rls.is_system() OR session_id IN (SELECT s.session_id FROM wizard_user_sessions s)';
const OLD_ACTIVITY_SELECT = `rls.is_system() OR user_id = rls.user_id() OR rls.is_admin() OR session_id IN (SELECT s.session_id FROM wizard_user_sessions s)`;

const USERS_UPDATE_USING = `rls.is_system() OR user_id = rls.user_id() OR rls.user_role() = 'SUPER_ADMIN'`;
const USERS_UPDATE_CHECK = `rls.is_system() OR rls.user_role() = 'SUPER_ADMIN'
  OR (user_id = rls.user_id() AND user_role::text = rls.user_role() AND is_active IS TRUE
      AND is_guest IS FALSE)`;

/** Columns of a session that only its owner (or system work) changes. */
const OWNER_COLUMNS = [
  'user_id',
  'wizard_id',
  'session_token',
  'deleted_at',
  'session_name',
  'session_description',
  'store_user_data',
];

export class IndexFriendlySessionPolicies1796000000000 implements MigrationInterface {
  name = 'IndexFriendlySessionPolicies1796000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // SQL and free of SECURITY DEFINER, so the planner inlines it: an EXISTS on the sessions
    // primary key, under the sessions SELECT policy.
    await queryRunner.query(`CREATE FUNCTION rls.session_visible(p_session_id integer)
      RETURNS boolean LANGUAGE sql STABLE
      AS $$ SELECT EXISTS (SELECT 1 FROM public.wizard_user_sessions s
                            WHERE s.session_id = p_session_id) $$`);
    await queryRunner.query('GRANT EXECUTE ON FUNCTION rls.session_visible(integer) TO wizard_app');
    for (const table of CHILD_TABLES) await replaceSelect(queryRunner, table, VISIBLE);
    await replaceSelect(queryRunner, 'wizard_session_activity_log', ACTIVITY_SELECT);
    await replaceInsert(queryRunner, 'wizard_session_activity_log', ACTIVITY_INSERT);
    await queryRunner.query('DROP POLICY users_update ON users');
    await queryRunner.query(`CREATE POLICY users_update ON users FOR UPDATE
      USING (${USERS_UPDATE_USING}) WITH CHECK (${USERS_UPDATE_CHECK})`);
    const changed = OWNER_COLUMNS.map((c) => `NEW.${c} IS DISTINCT FROM OLD.${c}`).join(' OR ');
    await queryRunner.query(`CREATE FUNCTION rls.keep_owner_columns() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        -- Request work only (as the policies): maintenance by the tables' owner is not a viewer.
        IF current_setting('app.context', true) IS NOT DISTINCT FROM 'request'
           AND OLD.user_id IS DISTINCT FROM rls.user_id() AND (${changed}) THEN
          RAISE EXCEPTION 'only the owner of session % changes its owner columns', OLD.session_id
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query('GRANT EXECUTE ON FUNCTION rls.keep_owner_columns() TO wizard_app');
    await queryRunner.query(`CREATE FUNCTION rls.token_account(p_user_id integer)
      RETURNS TABLE (user_id integer, user_role text, is_active boolean, password_hash text)
      LANGUAGE sql STABLE SET app.context = 'system'
      AS $$ SELECT u.user_id, u.user_role::text, u.is_active, u.password_hash::text
              FROM public.users u WHERE u.user_id = p_user_id $$`);
    // It reads any account as the system: for the server's own login role only, never for
    // request work (functions are executable by PUBLIC unless revoked).
    await queryRunner.query('REVOKE EXECUTE ON FUNCTION rls.token_account(integer) FROM PUBLIC');
    await queryRunner.query(`CREATE TRIGGER wizard_user_sessions_owner_columns
      BEFORE UPDATE ON wizard_user_sessions
      FOR EACH ROW EXECUTE FUNCTION rls.keep_owner_columns()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'DROP TRIGGER wizard_user_sessions_owner_columns ON wizard_user_sessions',
    );
    await queryRunner.query('DROP FUNCTION rls.keep_owner_columns()');
    await queryRunner.query('DROP FUNCTION rls.token_account(integer)');
    await queryRunner.query('DROP POLICY users_update ON users');
    await queryRunner.query(`CREATE POLICY users_update ON users FOR UPDATE
      USING (${USERS_UPDATE_USING}) WITH CHECK (${USERS_UPDATE_USING})`);
    await replaceInsert(queryRunner, 'wizard_session_activity_log', OLD_VISIBLE);
    await replaceSelect(queryRunner, 'wizard_session_activity_log', OLD_ACTIVITY_SELECT);
    for (const table of CHILD_TABLES) await replaceSelect(queryRunner, table, OLD_VISIBLE);
    await queryRunner.query('DROP FUNCTION rls.session_visible(integer)');
  }
}

async function replaceSelect(queryRunner: QueryRunner, table: string, rule: string) {
  await queryRunner.query(`DROP POLICY ${table}_select ON ${table}`);
  await queryRunner.query(`CREATE POLICY ${table}_select ON ${table} FOR SELECT USING (${rule})`);
}

async function replaceInsert(queryRunner: QueryRunner, table: string, rule: string) {
  await queryRunner.query(`DROP POLICY ${table}_insert ON ${table}`);
  await queryRunner.query(
    `CREATE POLICY ${table}_insert ON ${table} FOR INSERT WITH CHECK (${rule})`,
  );
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * Row-level security as a second wall behind the services' own checks (seeds 001, 003, 004).
 *
 * Request work runs as `wizard_app` (neither superuser nor BYPASSRLS) inside a transaction that
 * sets `app.user_id`, `app.user_role` and, for a presented share token, `app.share_id` with
 * set_config(..., true). System work (authentication look-ups, demo data, scheduled jobs) sets
 * `app.context = 'system'` instead. With nothing set, every private table shows no rows.
 *
 * This file is self-contained on purpose: a migration that has landed is never edited.
 */

const APP_ROLE = 'wizard_app';

const SYSTEM = 'rls.is_system()';
const ME = 'rls.user_id()';
const ADMIN = 'rls.is_admin()';
/** The row's session is one the viewer may see (the sessions policy decides, by subquery). */
const SESSION_VISIBLE = 'session_id IN (SELECT s.session_id FROM wizard_user_sessions s)';
const SESSION_EDITABLE = 'rls.session_editable(session_id)';

type Command = 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE';
/** Per table: who may do what. A command with no entry is refused to the application role. */
const POLICIES: Record<string, Partial<Record<Command, string>>> = {
  users: {
    // Authors see who ran their wizards' sessions; only a SUPER_ADMIN manages other accounts.
    SELECT: `${SYSTEM} OR user_id = ${ME} OR ${ADMIN}`,
    INSERT: SYSTEM,
    UPDATE: `${SYSTEM} OR user_id = ${ME} OR rls.user_role() = 'SUPER_ADMIN'`,
    DELETE: `${SYSTEM} OR rls.user_role() = 'SUPER_ADMIN'`,
  },
  api_keys: {
    SELECT: `${SYSTEM} OR user_id = ${ME}`,
    INSERT: `${SYSTEM} OR user_id = ${ME}`,
    UPDATE: `${SYSTEM} OR user_id = ${ME}`,
    DELETE: `${SYSTEM} OR user_id = ${ME}`,
  },
  security_events: {
    SELECT: `${SYSTEM} OR rls.user_role() = 'SUPER_ADMIN'`,
    INSERT: SYSTEM,
  },
  wizard_user_sessions: {
    SELECT: `${SYSTEM} OR user_id = ${ME} OR ${ADMIN} OR rls.session_granted(session_id, false)`,
    INSERT: `${SYSTEM} OR user_id = ${ME}`,
    UPDATE: `${SYSTEM} OR user_id = ${ME} OR rls.session_granted(session_id, true)`,
    DELETE: `${SYSTEM} OR user_id = ${ME}`,
  },
  wizard_user_selections: {
    SELECT: `${SYSTEM} OR ${SESSION_VISIBLE}`,
    INSERT: `${SYSTEM} OR ${SESSION_EDITABLE}`,
    UPDATE: `${SYSTEM} OR ${SESSION_EDITABLE}`,
    DELETE: `${SYSTEM} OR ${SESSION_EDITABLE}`,
  },
  wizard_step_skips: {
    SELECT: `${SYSTEM} OR ${SESSION_VISIBLE}`,
    INSERT: `${SYSTEM} OR ${SESSION_EDITABLE}`,
    UPDATE: `${SYSTEM} OR ${SESSION_EDITABLE}`,
    DELETE: `${SYSTEM} OR ${SESSION_EDITABLE}`,
  },
  wizard_session_templates: {
    SELECT: `${SYSTEM} OR user_id = ${ME} OR is_public IS TRUE OR ${ADMIN}`,
    INSERT: `${SYSTEM} OR user_id = ${ME}`,
    UPDATE: `${SYSTEM} OR user_id = ${ME} OR ${ADMIN}`,
    DELETE: `${SYSTEM} OR user_id = ${ME} OR ${ADMIN}`,
  },
  wizard_session_shares: {
    SELECT: `${SYSTEM} OR shared_by_user_id = ${ME} OR shared_with_user_id = ${ME} OR share_id = rls.share_id() OR ${ADMIN}`,
    INSERT: `${SYSTEM} OR shared_by_user_id = ${ME}`,
    UPDATE: `${SYSTEM} OR shared_by_user_id = ${ME}`,
    DELETE: `${SYSTEM} OR shared_by_user_id = ${ME}`,
  },
  wizard_session_replays: {
    SELECT: `${SYSTEM} OR user_id = ${ME} OR ${ADMIN}`,
    INSERT: `${SYSTEM} OR user_id = ${ME}`,
    UPDATE: `${SYSTEM} OR user_id = ${ME}`,
    DELETE: `${SYSTEM} OR user_id = ${ME}`,
  },
  // Append-only for the application: no UPDATE or DELETE policy.
  wizard_session_activity_log: {
    SELECT: `${SYSTEM} OR user_id = ${ME} OR ${ADMIN} OR ${SESSION_VISIBLE}`,
    INSERT: `${SYSTEM} OR ${SESSION_VISIBLE}`,
  },
};

const FUNCTIONS = [
  `CREATE FUNCTION rls.user_id() RETURNS integer LANGUAGE sql STABLE
     AS $$ SELECT NULLIF(current_setting('app.user_id', true), '')::integer $$`,
  `CREATE FUNCTION rls.user_role() RETURNS text LANGUAGE sql STABLE
     AS $$ SELECT NULLIF(current_setting('app.user_role', true), '') $$`,
  `CREATE FUNCTION rls.share_id() RETURNS integer LANGUAGE sql STABLE
     AS $$ SELECT NULLIF(current_setting('app.share_id', true), '')::integer $$`,
  `CREATE FUNCTION rls.is_system() RETURNS boolean LANGUAGE sql STABLE
     AS $$ SELECT current_setting('app.context', true) IS NOT DISTINCT FROM 'system' $$`,
  `CREATE FUNCTION rls.is_admin() RETURNS boolean LANGUAGE sql STABLE
     AS $$ SELECT COALESCE(rls.user_role() IN ('ADMIN', 'SUPER_ADMIN'), false) $$`,
  // A live share of the session to the viewer: bound to them, or an open share whose token they
  // presented. Reads shares under their own policy, which never refers back to sessions.
  `CREATE FUNCTION rls.session_granted(p_session_id integer, p_edit boolean) RETURNS boolean
     LANGUAGE sql STABLE AS $$
     SELECT EXISTS (
       SELECT 1 FROM public.wizard_session_shares sh
       WHERE sh.session_id = p_session_id
         AND sh.is_active IS TRUE
         AND (sh.expires_at IS NULL OR sh.expires_at > now())
         AND (sh.shared_with_user_id = rls.user_id()
              OR (sh.shared_with_user_id IS NULL AND sh.share_id = rls.share_id()))
         AND CASE WHEN p_edit THEN sh.can_edit IS TRUE
                  ELSE sh.can_view IS TRUE OR sh.can_edit IS TRUE END) $$`,
  `CREATE FUNCTION rls.session_editable(p_session_id integer) RETURNS boolean
     LANGUAGE sql STABLE AS $$
     SELECT EXISTS (
       SELECT 1 FROM public.wizard_user_sessions s
       WHERE s.session_id = p_session_id
         AND (s.user_id = rls.user_id() OR rls.session_granted(s.session_id, true))) $$`,
];

const policyName = (table: string, command: Command) => `${table}_${command.toLowerCase()}`;

function createPolicy(table: string, command: Command, rule: string): string {
  const name = policyName(table, command);
  if (command === 'SELECT' || command === 'DELETE') {
    return `CREATE POLICY ${name} ON ${table} FOR ${command} USING (${rule})`;
  }
  if (command === 'INSERT')
    return `CREATE POLICY ${name} ON ${table} FOR INSERT WITH CHECK (${rule})`;
  return `CREATE POLICY ${name} ON ${table} FOR UPDATE USING (${rule}) WITH CHECK (${rule})`;
}

export class RowLevelSecurity1795500000000 implements MigrationInterface {
  name = 'RowLevelSecurity1795500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Roles belong to the cluster, so another database may have made it already (or be making it).
    await queryRunner.query(`DO $$
      BEGIN
        BEGIN
          CREATE ROLE ${APP_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
        END;
        IF (SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
          RAISE EXCEPTION 'role ${APP_ROLE} must be neither SUPERUSER nor BYPASSRLS';
        END IF;
        IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
           AND NOT pg_has_role(current_user, '${APP_ROLE}', 'MEMBER') THEN
          EXECUTE format('GRANT ${APP_ROLE} TO %I', current_user);
        END IF;
      END $$`);
    await queryRunner.query('CREATE SCHEMA rls');
    for (const sql of FUNCTIONS) await queryRunner.query(sql);

    await queryRunner.query(`GRANT USAGE ON SCHEMA public, rls TO ${APP_ROLE}`);
    await queryRunner.query(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA rls TO ${APP_ROLE}`);
    await queryRunner.query(
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${APP_ROLE}`,
    );
    await queryRunner.query(`REVOKE ALL ON TABLE migrations FROM ${APP_ROLE}`);
    await queryRunner.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${APP_ROLE}`);

    for (const [table, commands] of Object.entries(POLICIES)) {
      await queryRunner.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await queryRunner.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      for (const [command, rule] of Object.entries(commands)) {
        await queryRunner.query(createPolicy(table, command as Command, rule));
      }
    }
    // Views run as their owner unless told otherwise, which would step around the policies.
    await queryRunner.query('ALTER VIEW v_user_session_summary SET (security_invoker = true)');
    await queryRunner.query('ALTER VIEW v_wizard_overview SET (security_invoker = true)');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER VIEW v_wizard_overview RESET (security_invoker)');
    await queryRunner.query('ALTER VIEW v_user_session_summary RESET (security_invoker)');
    for (const [table, commands] of Object.entries(POLICIES)) {
      for (const command of Object.keys(commands)) {
        await queryRunner.query(`DROP POLICY ${policyName(table, command as Command)} ON ${table}`);
      }
      await queryRunner.query(`ALTER TABLE ${table} NO FORCE ROW LEVEL SECURITY`);
      await queryRunner.query(`ALTER TABLE ${table} DISABLE ROW LEVEL SECURITY`);
    }
    await queryRunner.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${APP_ROLE}`);
    await queryRunner.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${APP_ROLE}`);
    await queryRunner.query(`REVOKE ALL ON SCHEMA public FROM ${APP_ROLE}`);
    await queryRunner.query('DROP SCHEMA rls CASCADE');
    // Other databases of the cluster may still use the role; then it stays.
    await queryRunner.query(`DO $$
      BEGIN
        DROP ROLE IF EXISTS ${APP_ROLE};
      EXCEPTION WHEN dependent_objects_still_exist THEN NULL;
      END $$`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * rls.session_editable and rls.session_granted, which the insert policies of a session's
 * selections, skips and activity rows call, become PL/pgSQL with the same body. As SQL functions
 * the planner could not inline them (an EXISTS over another table's policy), so PostgreSQL planned
 * their body again in every statement that called them: about 0.2 ms per insert, more than the
 * insert itself. PL/pgSQL keeps the plan for the connection's life. Who may do what is unchanged.
 *
 * Self-contained on purpose: a migration that has landed is never edited.
 */

const EDITABLE_BODY = `
  SELECT 1 FROM public.wizard_user_sessions s
  WHERE s.session_id = p_session_id
    AND (s.user_id = rls.user_id() OR rls.session_granted(s.session_id, true))`;

const GRANTED_BODY = `
  SELECT 1 FROM public.wizard_session_shares sh
  WHERE sh.session_id = p_session_id
    AND sh.is_active IS TRUE
    AND (sh.expires_at IS NULL OR sh.expires_at > now())
    AND (sh.shared_with_user_id = rls.user_id()
         OR (sh.shared_with_user_id IS NULL AND sh.share_id = rls.share_id()))
    AND CASE WHEN p_edit THEN sh.can_edit IS TRUE
             ELSE sh.can_view IS TRUE OR sh.can_edit IS TRUE END`;

const EDITABLE = 'rls.session_editable(p_session_id integer) RETURNS boolean';
const GRANTED = 'rls.session_granted(p_session_id integer, p_edit boolean) RETURNS boolean';

export class PlanCachedSessionChecks1796300000000 implements MigrationInterface {
  name = 'PlanCachedSessionChecks1796300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const [signature, body] of [
      [GRANTED, GRANTED_BODY],
      [EDITABLE, EDITABLE_BODY],
    ])
      await queryRunner.query(`CREATE OR REPLACE FUNCTION ${signature}
        LANGUAGE plpgsql STABLE AS $$ BEGIN RETURN EXISTS (${body}); END $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const [signature, body] of [
      [GRANTED, GRANTED_BODY],
      [EDITABLE, EDITABLE_BODY],
    ])
      await queryRunner.query(`CREATE OR REPLACE FUNCTION ${signature}
        LANGUAGE sql STABLE AS $$ SELECT EXISTS (${body}) $$`);
  }
}

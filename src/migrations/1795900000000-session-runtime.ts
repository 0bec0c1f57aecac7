import type { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * What running sessions needs beyond the seed's columns (design.md allows extra columns):
 *
 * - wizard_user_sessions.row_version: optimistic concurrency; every session mutation names the
 *   version it read and fails with CONFLICT when another write came first.
 * - deleted_at: soft delete, so the SESSION_DELETED activity row (which references the session)
 *   survives; deleted sessions are filtered out of every query.
 * - paused_at: a paused session takes no answers until resumed.
 * - step_entered_at: when the session arrived at its current step; the server measures
 *   time_spent_seconds from it.
 * - draft_step_id / draft_answers / draft_encrypted: the auto-saved, unvalidated answers of the
 *   current step (encrypted only, when the session does not store user data).
 * - recorded_step_ids: the steps whose answers are recorded, so that a step submitted with no
 *   selection at all (only optional sets, or no sets) stays answered; selections cannot say so.
 * - wizard_session_replays.baseline_digest: the digest of the answers a replay started with, so
 *   modifications_made can turn true once the new session's answers differ.
 * - users.is_guest: accounts the server creates for sessions of wizards that do not require a
 *   login. They cannot sign in; their session's token is their only credential.
 *
 * The guest policy lets a request with no signed-in user create exactly such an account for the id
 * it took from the sequence and set as its own app.user_id (see SessionStartService).
 */
export class SessionRuntime1795900000000 implements MigrationInterface {
  name = 'SessionRuntime1795900000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE wizard_user_sessions
      ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1,
      ADD COLUMN deleted_at TIMESTAMPTZ,
      ADD COLUMN paused_at TIMESTAMPTZ,
      ADD COLUMN step_entered_at TIMESTAMPTZ DEFAULT CURRENT_TIMESTAMP,
      ADD COLUMN draft_step_id INTEGER,
      ADD COLUMN draft_answers JSONB,
      ADD COLUMN draft_encrypted TEXT,
      ADD COLUMN recorded_step_ids INTEGER[] NOT NULL DEFAULT '{}'`);
    await queryRunner.query('ALTER TABLE users ADD COLUMN is_guest BOOLEAN NOT NULL DEFAULT false');
    await queryRunner.query(
      'ALTER TABLE wizard_session_replays ADD COLUMN baseline_digest VARCHAR(64)',
    );
    await queryRunner.query('DROP POLICY users_insert ON users');
    await queryRunner.query(`CREATE POLICY users_insert ON users FOR INSERT WITH CHECK (
      rls.is_system()
      OR (is_guest IS TRUE AND user_role = 'USER' AND user_id = rls.user_id()
          AND current_setting('app.user_role', true) = 'GUEST'))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP POLICY users_insert ON users');
    await queryRunner.query(
      'CREATE POLICY users_insert ON users FOR INSERT WITH CHECK (rls.is_system())',
    );
    await queryRunner.query('ALTER TABLE wizard_session_replays DROP COLUMN baseline_digest');
    await queryRunner.query('ALTER TABLE users DROP COLUMN is_guest');
    await queryRunner.query(`ALTER TABLE wizard_user_sessions
      DROP COLUMN recorded_step_ids,
      DROP COLUMN draft_encrypted,
      DROP COLUMN draft_answers,
      DROP COLUMN draft_step_id,
      DROP COLUMN step_entered_at,
      DROP COLUMN paused_at,
      DROP COLUMN deleted_at,
      DROP COLUMN row_version`);
  }
}

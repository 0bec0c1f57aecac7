import type { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * Every start and completion used to update its wizard's row (total_starts, total_completions,
 * avg_completion_time_minutes) inside the request's transaction, so all sessions of a wizard
 * queued on that one row lock until each request committed. Now a request inserts a delta row
 * (no lock on anything shared) in its own transaction, and the deltas are folded into the
 * wizard's row by one short statement after commit (and by the scheduled roll-up for anything
 * a crash left behind). Counts stay exact: a delta commits or rolls back with its session, and
 * folding deletes exactly the deltas it adds.
 *
 * wizard_counters_fold(ids) is that fold: one statement, run as system work with a short lock wait
 * (an author's change that holds a wizard's row delays no response for long; the next fold takes
 * the deltas). NULL folds every wizard's deltas.
 *
 * completion_minutes_total makes the mean exact (the running mean rounded at every completion
 * drifted); existing wizards start from their rounded mean times their completions.
 */
export class WizardCounterDeltas1796100000000 implements MigrationInterface {
  name = 'WizardCounterDeltas1796100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE wizards ADD COLUMN completion_minutes_total BIGINT`);
    await queryRunner.query(`UPDATE wizards SET completion_minutes_total =
      COALESCE(avg_completion_time_minutes, 0)::bigint * COALESCE(total_completions, 0)`);
    await queryRunner.query(`CREATE TABLE wizard_counter_deltas (
      delta_id BIGSERIAL PRIMARY KEY,
      wizard_id INTEGER NOT NULL REFERENCES wizards(wizard_id) ON DELETE CASCADE,
      session_id INTEGER NOT NULL,
      starts INTEGER NOT NULL DEFAULT 0,
      completions INTEGER NOT NULL DEFAULT 0,
      completion_minutes INTEGER NOT NULL DEFAULT 0
    )`);
    await queryRunner.query(
      'CREATE INDEX idx_counter_deltas_wizard ON wizard_counter_deltas(wizard_id)',
    );
    await queryRunner.query(
      "COMMENT ON TABLE wizard_counter_deltas IS 'Starts and completions not yet folded into wizards'",
    );
    await queryRunner.query('GRANT INSERT ON wizard_counter_deltas TO wizard_app');
    await queryRunner.query(
      'GRANT USAGE, SELECT ON SEQUENCE wizard_counter_deltas_delta_id_seq TO wizard_app',
    );
    await queryRunner.query('ALTER TABLE wizard_counter_deltas ENABLE ROW LEVEL SECURITY');
    await queryRunner.query('ALTER TABLE wizard_counter_deltas FORCE ROW LEVEL SECURITY');
    // Only for a session the viewer may change; folding is system work.
    await queryRunner.query(`CREATE POLICY wizard_counter_deltas_insert ON wizard_counter_deltas
      FOR INSERT WITH CHECK (rls.is_system() OR rls.session_editable(session_id))`);
    await queryRunner.query(`CREATE POLICY wizard_counter_deltas_system ON wizard_counter_deltas
      FOR ALL USING (rls.is_system()) WITH CHECK (rls.is_system())`);
    // The deltas it deletes are exactly the ones it adds: a concurrent fold waits for their row
    // locks, then finds them gone.
    await queryRunner.query(`CREATE FUNCTION wizard_counters_fold(p_wizard_ids integer[])
      RETURNS void LANGUAGE sql
      SET app.context = 'system' SET lock_timeout = '1s'
      AS $$
      WITH moved AS (
        DELETE FROM public.wizard_counter_deltas
         WHERE p_wizard_ids IS NULL OR wizard_id = ANY(p_wizard_ids)
        RETURNING wizard_id, starts, completions, completion_minutes
      ), sums AS (
        SELECT wizard_id, sum(starts) AS starts, sum(completions) AS completions,
               sum(completion_minutes) AS minutes
          FROM moved GROUP BY wizard_id
      )
      UPDATE public.wizards w SET
        total_starts = COALESCE(w.total_starts, 0) + sums.starts,
        total_completions = COALESCE(w.total_completions, 0) + sums.completions,
        completion_minutes_total = COALESCE(w.completion_minutes_total, 0) + sums.minutes,
        avg_completion_time_minutes = CASE
          WHEN COALESCE(w.total_completions, 0) + sums.completions = 0
            THEN w.avg_completion_time_minutes
          ELSE ROUND((COALESCE(w.completion_minutes_total, 0) + sums.minutes)::numeric
                     / (COALESCE(w.total_completions, 0) + sums.completions)) END
      FROM sums WHERE w.wizard_id = sums.wizard_id
      $$`);
    // System work of the server's own login role; request work does not fold.
    await queryRunner.query(
      'REVOKE EXECUTE ON FUNCTION wizard_counters_fold(integer[]) FROM PUBLIC',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP FUNCTION wizard_counters_fold(integer[])');
    await queryRunner.query(`UPDATE wizards w SET
        total_starts = COALESCE(w.total_starts, 0) + d.starts,
        total_completions = COALESCE(w.total_completions, 0) + d.completions
      FROM (SELECT wizard_id, sum(starts) AS starts, sum(completions) AS completions
              FROM wizard_counter_deltas GROUP BY wizard_id) d
      WHERE w.wizard_id = d.wizard_id`);
    await queryRunner.query('DROP TABLE wizard_counter_deltas');
    await queryRunner.query('ALTER TABLE wizards DROP COLUMN completion_minutes_total');
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * A wizard's counters as read are its row's plus the deltas not folded in yet, so a start or a
 * completion is counted the moment it commits and the fold can run on a timer, off every
 * request's path. Request work may read the counts of a delta (as readable as the wizard row's
 * own counters, which have no policy) but not which session it came from, and only read them:
 * writing stays as it was.
 */
export class ReadableCounterDeltas1796400000000 implements MigrationInterface {
  name = 'ReadableCounterDeltas1796400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`GRANT SELECT (wizard_id, starts, completions, completion_minutes)
      ON wizard_counter_deltas TO wizard_app`);
    await queryRunner.query(
      'CREATE POLICY wizard_counter_deltas_read ON wizard_counter_deltas FOR SELECT USING (true)',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP POLICY wizard_counter_deltas_read ON wizard_counter_deltas');
    await queryRunner.query(`REVOKE SELECT (wizard_id, starts, completions, completion_minutes)
      ON wizard_counter_deltas FROM wizard_app`);
  }
}

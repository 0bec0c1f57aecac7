import type { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * Every change to a session asks whether it is an unmodified replay (wizard_session_replays by
 * new_session_id), and deleting a session checks the replays and templates made from it: none of
 * those columns had an index, so each of these statements read every stored replay or template,
 * and cost more the more were stored. Indexes on the three session references fix that.
 *
 * Self-contained on purpose: a migration that has landed is never edited.
 */

const INDEXES: [name: string, table: string, column: string][] = [
  ['idx_replays_new_session', 'wizard_session_replays', 'new_session_id'],
  ['idx_replays_original_session', 'wizard_session_replays', 'original_session_id'],
  ['idx_templates_original_session', 'wizard_session_templates', 'original_session_id'],
];

export class SessionReferenceIndexes1796600000000 implements MigrationInterface {
  name = 'SessionReferenceIndexes1796600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const [name, table, column] of INDEXES)
      await queryRunner.query(`CREATE INDEX ${name} ON ${table}(${column})`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const [name] of INDEXES) await queryRunner.query(`DROP INDEX ${name}`);
  }
}

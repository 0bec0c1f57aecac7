import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The authoring audit trail (not in the seed; as seeds 003 and 004 ask): who changed which part of
 * which wizard, when, how, and the values before and after. Written in the same transaction as the
 * change; append-only for the application role; readable by authors only.
 */
export class AuditLog1795800000000 implements MigrationInterface {
  name = 'AuditLog1795800000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE audit_log (
      audit_id SERIAL PRIMARY KEY,
      occurred_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
      actor_user_id INTEGER REFERENCES users(user_id) ON DELETE SET NULL,
      api_key_id INTEGER REFERENCES api_keys(api_key_id) ON DELETE SET NULL,
      request_id VARCHAR(64),
      action VARCHAR(20) NOT NULL,
      entity_type VARCHAR(30) NOT NULL,
      entity_id INTEGER NOT NULL,
      wizard_id INTEGER,
      old_values JSONB,
      new_values JSONB,
      CONSTRAINT audit_log_action_check CHECK (action IN ('CREATE', 'UPDATE', 'DELETE', 'REORDER',
        'PUBLISH', 'UNPUBLISH', 'IMPORT', 'CLONE')),
      CONSTRAINT audit_log_entity_type_check CHECK (entity_type IN ('WIZARD', 'STEP', 'OPTION_SET',
        'OPTION', 'FLOW_RULE', 'OPTION_DEPENDENCY', 'SET_DEPENDENCY'))
    )`);
    await queryRunner.query('CREATE INDEX idx_audit_log_wizard ON audit_log(wizard_id, audit_id)');
    await queryRunner.query(
      'CREATE INDEX idx_audit_log_entity ON audit_log(entity_type, entity_id)',
    );
    await queryRunner.query('CREATE INDEX idx_audit_log_actor ON audit_log(actor_user_id)');
    await queryRunner.query('CREATE INDEX idx_audit_log_occurred ON audit_log(occurred_at)');
    await queryRunner.query(
      "COMMENT ON TABLE audit_log IS 'Authoring audit trail: who changed what, when, before and after'",
    );
    // wizard_id is not a foreign key on purpose: the trail outlives a deleted wizard.
    await queryRunner.query('GRANT SELECT, INSERT ON audit_log TO wizard_app');
    await queryRunner.query('GRANT USAGE, SELECT ON SEQUENCE audit_log_audit_id_seq TO wizard_app');
    await queryRunner.query('ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY');
    await queryRunner.query('ALTER TABLE audit_log FORCE ROW LEVEL SECURITY');
    await queryRunner.query(
      'CREATE POLICY audit_log_select ON audit_log FOR SELECT USING (rls.is_system() OR rls.is_admin())',
    );
    await queryRunner.query(
      `CREATE POLICY audit_log_insert ON audit_log FOR INSERT
       WITH CHECK (rls.is_system() OR (rls.is_admin() AND actor_user_id = rls.user_id()))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE audit_log');
  }
}

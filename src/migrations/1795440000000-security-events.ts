import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Security events (not in the seed; as in seed 004): what happened, to whom, from where. */
export class SecurityEvents1795440000000 implements MigrationInterface {
  name = 'SecurityEvents1795440000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE security_events (
      security_event_id SERIAL PRIMARY KEY,
      occurred_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
      user_id INTEGER REFERENCES users(user_id) ON DELETE SET NULL,
      kind VARCHAR(40) NOT NULL,
      severity VARCHAR(10) NOT NULL,
      ip VARCHAR(64),
      user_agent VARCHAR(300),
      request_id VARCHAR(64),
      details JSONB,
      CONSTRAINT security_events_kind_check CHECK (kind IN ('LOGIN_FAILED', 'LOGIN_THROTTLED',
        'TOKEN_REJECTED', 'API_KEY_REJECTED', 'ACCESS_FORBIDDEN', 'ROLE_CHANGED',
        'USER_ACTIVATION_CHANGED')),
      CONSTRAINT security_events_severity_check CHECK (severity IN ('INFO', 'WARNING', 'CRITICAL'))
    )`);
    await queryRunner.query(
      'CREATE INDEX idx_security_events_occurred ON security_events(occurred_at)',
    );
    await queryRunner.query('CREATE INDEX idx_security_events_user ON security_events(user_id)');
    await queryRunner.query('CREATE INDEX idx_security_events_kind ON security_events(kind)');
    await queryRunner.query(
      "COMMENT ON TABLE security_events IS 'Security events: failed log-ins, rejected credentials, role changes'",
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE security_events');
  }
}

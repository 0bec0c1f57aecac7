import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Partner API keys (not in the seed): only a SHA-256 of the secret and a short prefix are kept. */
export class ApiKeys1795430000000 implements MigrationInterface {
  name = 'ApiKeys1795430000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE api_keys (
      api_key_id SERIAL PRIMARY KEY,
      user_id INTEGER NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
      key_name VARCHAR(100) NOT NULL,
      key_prefix VARCHAR(32) NOT NULL,
      key_hash VARCHAR(64) NOT NULL,
      scopes TEXT[] NOT NULL,
      expires_at TIMESTAMPTZ,
      revoked_at TIMESTAMPTZ,
      last_used_at TIMESTAMPTZ,
      created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
      CONSTRAINT api_keys_key_prefix_key UNIQUE (key_prefix)
    )`);
    await queryRunner.query('CREATE INDEX idx_api_keys_user ON api_keys(user_id)');
    await queryRunner.query(
      "COMMENT ON TABLE api_keys IS 'Partner API keys (only a hash of the secret is kept)'",
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE api_keys');
  }
}

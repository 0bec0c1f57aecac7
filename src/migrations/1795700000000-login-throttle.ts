import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Failed log-in counters shared by every server instance (not in the seed, and no entity: only
 * rate-limiter-flexible's Postgres store reads and writes it). The columns are the ones the store
 * queries; the key is TEXT rather than the store's VARCHAR(255) because it is a prefix plus an
 * email of up to 255 characters. `expire` is milliseconds since the epoch (NULL: never).
 */
export class LoginThrottle1795700000000 implements MigrationInterface {
  name = 'LoginThrottle1795700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE login_throttle (
      key TEXT PRIMARY KEY,
      points INTEGER NOT NULL DEFAULT 0,
      expire BIGINT
    )`);
    // For the periodic deletion of expired rows.
    await queryRunner.query('CREATE INDEX idx_login_throttle_expire ON login_throttle(expire)');
    await queryRunner.query(
      "COMMENT ON TABLE login_throttle IS 'Failed log-in counters shared by all server instances'",
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE login_throttle');
  }
}

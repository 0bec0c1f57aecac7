// Accounts and their tokens without 1,001 argon2 logins: rows inserted with SQL, tokens signed here
// with the server's JWT_SECRET by the server's own TokenService (same claims, issuer, audience, alg).
import { Client } from 'pg';
import { TokenService } from '../../src/auth/tokens';
import { SYSTEM_SETTINGS_SQL } from '../../src/database/viewer-settings';
import { UserRole } from '../../src/entities/enums';

/**
 * Not a PHC string, so no password ever verifies against it (nobody can log in as these). The
 * tokens carry its fingerprint, which the server compares with the stored hash on every check.
 */
const NO_PASSWORD = '!bench-no-login';
/** Longer than any run; the server accepts a token until its own `exp`. */
const TOKEN_TTL_SECONDS = 3_600;

export interface BenchAccounts {
  /** One ADMIN per subscriber (authors may follow a wizard's activity; USERs may not). */
  subscriberTokens: string[];
  /** The USER who runs the session whose transitions are the events. */
  driverToken: string;
}

/** Inserts `count` ADMINs `bench-admin-<n>@bench.invalid` and the driver; returns their tokens. */
export async function createAccounts(
  databaseUrl: string,
  jwtSecret: string,
  count: number,
): Promise<BenchAccounts> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  let adminIds: number[];
  let driverId: number;
  try {
    await client.query('BEGIN');
    // users has FORCE ROW LEVEL SECURITY: only system work may insert accounts.
    await client.query(SYSTEM_SETTINGS_SQL);
    const admins = await client.query<{ user_id: number }>(
      `INSERT INTO users (email, full_name, password_hash, user_role, is_active)
       SELECT 'bench-admin-' || n || '@bench.invalid', 'Bench admin ' || n, $1, $2, true
         FROM generate_series(1, $3::int) AS n
       RETURNING user_id`,
      [NO_PASSWORD, UserRole.ADMIN, count],
    );
    const driver = await client.query<{ user_id: number }>(
      `INSERT INTO users (email, full_name, password_hash, user_role, is_active)
       VALUES ('bench-driver@bench.invalid', 'Bench driver', $1, $2, true)
       RETURNING user_id`,
      [NO_PASSWORD, UserRole.USER],
    );
    await client.query('COMMIT');
    adminIds = admins.rows.map((row) => row.user_id);
    driverId = driver.rows[0].user_id;
  } finally {
    await client.end();
  }
  const tokens = new TokenService(jwtSecret, TOKEN_TTL_SECONDS);
  const mint = async (id: number) => (await tokens.issue({ id, passwordHash: NO_PASSWORD })).token;
  return {
    subscriberTokens: await Promise.all(adminIds.map(mint)),
    driverToken: await mint(driverId),
  };
}

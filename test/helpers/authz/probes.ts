import type { Fixture } from './fixture';
import type { Probe } from './matrix';

interface UserRow {
  user_id: number;
  user_role: string;
  is_active: boolean;
  password_hash: string;
}

/** Every account's role, activation and password hash (what user and account mutations change). */
export const USERS_PROBE: Probe = {
  read: (fx: Fixture) =>
    fx.db.dataSource.query(
      'SELECT user_id, user_role, is_active, password_hash FROM users ORDER BY user_id',
    ),
  async restore(fx, before) {
    for (const row of before as UserRow[]) {
      await fx.db.dataSource.query(
        'UPDATE users SET user_role = $2, is_active = $3, password_hash = $4 WHERE user_id = $1',
        [row.user_id, row.user_role, row.is_active, row.password_hash],
      );
    }
  },
};

interface ApiKeyRow {
  api_key_id: number;
  revoked_at: Date | null;
}

/** Every API key's owner, name, scopes, expiry and revocation (last_used_at moves on its own). */
export const API_KEYS_PROBE: Probe = {
  read: (fx: Fixture) =>
    fx.db.dataSource.query(
      `SELECT api_key_id, user_id, key_name, scopes, expires_at, revoked_at
       FROM api_keys ORDER BY api_key_id`,
    ),
  async restore(fx, before) {
    const rows = before as ApiKeyRow[];
    await fx.db.dataSource.query('DELETE FROM api_keys WHERE NOT (api_key_id = ANY($1))', [
      rows.map((row) => row.api_key_id),
    ]);
    for (const row of rows) {
      await fx.db.dataSource.query('UPDATE api_keys SET revoked_at = $2 WHERE api_key_id = $1', [
        row.api_key_id,
        row.revoked_at,
      ]);
    }
  },
};

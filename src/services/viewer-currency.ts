import DataLoader from 'dataloader';
import type { DataSource, EntityManager } from 'typeorm';
import type { UserViewer, Viewer } from '../auth/viewer';
import { passwordVersion } from '../auth/tokens';
import type { UserRole } from '../entities/enums';
import { asSystem } from '../database/system-context';
import { forbidden, unauthenticated } from '../errors/error-code';

interface AccountState {
  userId: number;
  role: UserRole;
  isActive: boolean;
  passwordHash: string;
  /** The API key's state when one was asked about. */
  keyUsable: boolean | null;
}

type Key = { userId: number; apiKeyId: number | null };
type AccountRow = AccountState & { apiKeyId: number | null };

/**
 * Whether a subscriber is still who it was when it subscribed: active, the same role, the same
 * password (for a token) and an unrevoked, unexpired key (for an API key). An event reaches many
 * subscribers at once, so the checks the event causes are gathered into one statement (loaded
 * fresh for every event: nothing is cached between events).
 */
export class ViewerCurrency {
  private readonly accounts: DataLoader<Key, AccountState | null, string>;

  constructor(dataSource: DataSource) {
    this.accounts = new DataLoader(
      (keys) => asSystem(dataSource, (manager) => loadAccounts(manager, keys)),
      {
        cache: false,
        // After the microtasks that woke every subscriber of the event: one batch for all.
        batchScheduleFn: (callback) => setImmediate(callback),
      },
    );
  }

  async assertCurrent(viewer: Viewer): Promise<void> {
    if (viewer.kind !== 'user') return;
    const state = await this.accounts.load({
      userId: viewer.userId,
      apiKeyId: viewer.apiKeyId ?? null,
    });
    assertSame(viewer, state);
  }
}

function assertSame(viewer: UserViewer, state: AccountState | null): void {
  if (!state?.isActive) throw unauthenticated('This account is no longer active');
  if (state.keyUsable === false) throw unauthenticated('The API key was revoked or has expired');
  if (viewer.passwordVersion && passwordVersion(state.passwordHash) !== viewer.passwordVersion)
    throw unauthenticated('The password has changed; sign in again');
  if (state.role !== viewer.role) throw forbidden('Your role has changed; subscribe again');
}

async function loadAccounts(
  manager: EntityManager,
  keys: readonly Key[],
): Promise<(AccountState | null)[]> {
  const rows: AccountRow[] = await manager.query(
    `SELECT u.user_id AS "userId", u.user_role AS role, coalesce(u.is_active, false) AS "isActive",
            u.password_hash AS "passwordHash", wanted.api_key_id AS "apiKeyId",
            (k.api_key_id IS NOT NULL AND k.revoked_at IS NULL
              AND (k.expires_at IS NULL OR k.expires_at > now())) AS "keyUsable"
       FROM unnest($1::int[], $2::int[]) AS wanted(user_id, api_key_id)
       JOIN users u ON u.user_id = wanted.user_id
       LEFT JOIN api_keys k ON k.api_key_id = wanted.api_key_id AND k.user_id = u.user_id`,
    [keys.map((key) => key.userId), keys.map((key) => key.apiKeyId)],
  );
  const byKey = new Map(rows.map((row) => [`${row.userId}:${row.apiKeyId ?? ''}`, row]));
  return keys.map((key) => {
    const row = byKey.get(`${key.userId}:${key.apiKeyId ?? ''}`);
    if (!row) return null;
    // A key asked about but gone (deleted) reads as not usable, like a revoked one.
    const keyUsable = key.apiKeyId === null ? null : row.keyUsable;
    return { ...row, keyUsable };
  });
}

import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config';
import { tooManyRequests } from '../errors/error-code';

export type LoginThrottleSettings = AppConfig['loginThrottle'];

/** Created by migration 1795700000000; both limiters keep their rows in it, by key prefix. */
export const LOGIN_THROTTLE_TABLE = 'login_throttle';
/** How often an instance deletes rows whose window has passed (they count for nothing). */
const SWEEP_INTERVAL_MS = 5 * 60_000;

/**
 * Failed log-ins per account (by normalised email, known or not, so the answer reveals nothing):
 * after a few failures within a short window further attempts wait for the window to pass; after
 * more failures the account is locked for a while. A successful log-in clears both.
 *
 * The counts live in PostgreSQL (rate-limiter-flexible's Postgres store, one atomic upsert per
 * attempt), so every server instance on the database sees the same counts. The store queries the
 * DataSource's pool directly: no request, and so no viewer, is involved.
 *
 * An attempt is counted BEFORE its password is checked, with an atomic increment: attempts that
 * arrive at the same moment (on one instance or many) cannot all slip past the limit between a
 * check and a count. A successful log-in then clears the counts.
 */
export class LoginThrottle {
  private readonly slowdown: RateLimiterPostgres;
  private readonly lockout: RateLimiterPostgres;
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    settings: LoginThrottleSettings,
    private readonly dataSource: DataSource,
  ) {
    const store = {
      storeClient: dataSource,
      storeType: 'typeorm',
      tableName: LOGIN_THROTTLE_TABLE,
      // The migration creates the table; the library's own timer would outlive stop().
      tableCreated: true,
      clearExpiredByTimeout: false,
    };
    this.slowdown = new RateLimiterPostgres({
      ...store,
      keyPrefix: 'login-slowdown',
      points: settings.slowdownAfter,
      duration: settings.slowdownWindowSeconds,
    });
    this.lockout = new RateLimiterPostgres({
      ...store,
      keyPrefix: 'login-lockout',
      points: settings.lockAfter,
      duration: settings.lockWindowSeconds,
      blockDuration: settings.lockSeconds,
    });
    this.sweeper = setInterval(() => void this.sweep(), SWEEP_INTERVAL_MS).unref();
  }

  /**
   * Counts one attempt, or throws TOO_MANY_REQUESTS while the account must wait or is locked.
   * Attempts refused for waiting do not count towards the lock, so a patient user who retries
   * too early is slowed down, not locked out.
   */
  async attempt(key: string): Promise<void> {
    const lock = await this.lockout.get(key);
    const locked = this.waitMs(lock, this.lockout.points);
    if (locked > 0) throw tooManyRequests(Math.ceil(locked / 1000));
    await consumeOrRefuse(this.slowdown, key);
    await consumeOrRefuse(this.lockout, key);
  }

  async succeeded(key: string): Promise<void> {
    await Promise.all([this.slowdown.delete(key), this.lockout.delete(key)]);
  }

  /** Stops the periodic clean-up (the counts stay in the database). */
  stop(): void {
    clearInterval(this.sweeper);
  }

  private async sweep(): Promise<void> {
    // Not critical: a row left behind is reset by the next failure or ignored once expired.
    await this.dataSource
      .query(`DELETE FROM ${LOGIN_THROTTLE_TABLE} WHERE expire < $1`, [Date.now()])
      .catch(() => undefined);
  }

  private waitMs(state: RateLimiterRes | null, points: number): number {
    return state && state.consumedPoints >= points ? state.msBeforeNext : 0;
  }
}

/**
 * Going over the limit rejects with a RateLimiterRes (refused: wait that long); a database error
 * rejects with an Error and is not swallowed (an attempt that was not counted would weaken the
 * throttle).
 */
async function consumeOrRefuse(limiter: RateLimiterPostgres, key: string): Promise<void> {
  await limiter.consume(key).catch((reason: unknown) => {
    if (reason instanceof RateLimiterRes) {
      throw tooManyRequests(Math.max(1, Math.ceil(reason.msBeforeNext / 1000)));
    }
    throw reason;
  });
}

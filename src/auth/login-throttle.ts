import { RateLimiterPostgres, type RateLimiterRes } from 'rate-limiter-flexible';
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
 * failure), so every server instance on the database sees the same counts. The store queries the
 * DataSource's pool directly: no request, and so no viewer, is involved.
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

  /** Throws TOO_MANY_REQUESTS while the account must wait or is locked. */
  async check(key: string): Promise<void> {
    const [slow, lock] = await Promise.all([this.slowdown.get(key), this.lockout.get(key)]);
    const waits = [
      this.waitMs(lock, this.lockout.points),
      this.waitMs(slow, this.slowdown.points),
    ].filter((ms) => ms > 0);
    if (waits.length > 0) throw tooManyRequests(Math.ceil(Math.max(...waits) / 1000));
  }

  async failed(key: string): Promise<void> {
    await Promise.all([countFailure(this.slowdown, key), countFailure(this.lockout, key)]);
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
 * Going over the limit rejects with a RateLimiterRes, which is expected; a database error rejects
 * with an Error and is not swallowed (a failure that was not counted would weaken the throttle).
 */
async function countFailure(limiter: RateLimiterPostgres, key: string): Promise<void> {
  await limiter.consume(key).catch((reason: unknown) => {
    if (reason instanceof Error) throw reason;
  });
}

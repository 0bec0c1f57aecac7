import { RateLimiterMemory, type RateLimiterRes } from 'rate-limiter-flexible';
import type { AppConfig } from '../config';
import { tooManyRequests } from '../errors/error-code';

export type LoginThrottleSettings = AppConfig['loginThrottle'];

/**
 * Failed log-ins per account (by normalised email, known or not, so the answer reveals nothing):
 * after a few failures within a short window further attempts wait for the window to pass; after
 * more failures the account is locked for a while. A successful log-in clears both. Counts live in
 * this process (rate-limiter-flexible's memory store).
 */
export class LoginThrottle {
  private readonly slowdown: RateLimiterMemory;
  private readonly lockout: RateLimiterMemory;

  constructor(settings: LoginThrottleSettings) {
    this.slowdown = new RateLimiterMemory({
      keyPrefix: 'login-slowdown',
      points: settings.slowdownAfter,
      duration: settings.slowdownWindowSeconds,
    });
    this.lockout = new RateLimiterMemory({
      keyPrefix: 'login-lockout',
      points: settings.lockAfter,
      duration: settings.lockWindowSeconds,
      blockDuration: settings.lockSeconds,
    });
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
    await Promise.all([
      this.slowdown.consume(key).catch(() => undefined),
      this.lockout.consume(key).catch(() => undefined),
    ]);
  }

  async succeeded(key: string): Promise<void> {
    await Promise.all([this.slowdown.delete(key), this.lockout.delete(key)]);
  }

  private waitMs(state: RateLimiterRes | null, points: number): number {
    return state && state.consumedPoints >= points ? state.msBeforeNext : 0;
  }
}

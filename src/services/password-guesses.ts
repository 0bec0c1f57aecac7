import type { LoginThrottle } from '../auth/login-throttle';
import type { RequestInfo } from '../auth/request-info';
import { SecurityEventKind, SecuritySeverity } from '../entities/security-event.enums';
import type { SecurityEventService } from './security-event.service';

/** Who guessed, for the security events: the account when known, and what was tried. */
export interface Guess {
  /** The account's normalised email: the throttle's key. */
  email: string;
  request?: RequestInfo;
  userId?: number | null;
  /** Extra details of the events (never the password). */
  details?: Record<string, unknown>;
}

/**
 * Guesses of an account's password, by log-in or by changePassword's current password: both
 * guess the same secret, so both draw on the same per-account counts (LOGIN_* settings). A guess
 * is counted before the password is checked; while the account must wait or is locked it is
 * refused (TOO_MANY_REQUESTS) without being checked.
 */
export class PasswordGuesses {
  constructor(
    private readonly throttle: LoginThrottle,
    private readonly securityEvents: SecurityEventService,
  ) {}

  /** Counts one guess, or records the refusal and throws TOO_MANY_REQUESTS. */
  async count(guess: Guess): Promise<void> {
    try {
      await this.throttle.attempt(guess.email);
    } catch (error) {
      await this.record(SecurityEventKind.LOGIN_THROTTLED, guess);
      throw error;
    }
  }

  /** A wrong password: recorded (it was counted already). */
  failed(guess: Guess): Promise<void> {
    return this.record(SecurityEventKind.LOGIN_FAILED, guess);
  }

  /** The right password: the account's counts start again. */
  succeeded(email: string): Promise<void> {
    return this.throttle.succeeded(email);
  }

  private record(kind: SecurityEventKind, guess: Guess): Promise<void> {
    return this.securityEvents.record({
      kind,
      severity: SecuritySeverity.WARNING,
      userId: guess.userId,
      request: guess.request,
      details: { email: guess.email, ...guess.details },
    });
  }
}

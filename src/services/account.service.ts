import type { DataSource } from 'typeorm';
import type { RequestDatabase } from '../database/request-database';
import { asSystem } from '../database/system-context';
import { hashPassword, verifyPassword } from '../auth/password';
import type { RequestInfo } from '../auth/request-info';
import type { TokenService } from '../auth/tokens';
import type { PasswordGuesses } from './password-guesses';
import { requireSession } from '../auth/guards';
import { User } from '../entities';
import { UserRole } from '../entities/enums';
import { isEmail } from 'class-validator';
import { badUserInput, conflict, unauthenticated } from '../errors/error-code';
import { sqlState, UNIQUE_VIOLATION } from '../errors/postgres-error';

export interface Session {
  token: string;
  expiresAt: Date;
  user: User;
}

/** Verified against when the email is unknown, so both failures take the same time. */
const DUMMY_HASH = hashPassword('not a real password, only for timing');

/** Lower-cased and trimmed: one address, one account. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

function invalidCredentials() {
  return unauthenticated('Invalid email or password');
}

/** Accounts: registering, logging in, the current user and changing one's password. */
export class AccountService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: TokenService,
    private readonly guesses: PasswordGuesses,
  ) {}

  async register(input: { email: string; fullName: string; password: string }): Promise<Session> {
    const email = normaliseEmail(input.email);
    if (email.length > 255 || !isEmail(email)) {
      throw badUserInput('email must be a valid email address', [
        { field: 'email', message: 'must be a valid email address of at most 255 characters' },
      ]);
    }
    const passwordHash = await hashPassword(input.password);
    // Creating an account is system work: nobody is signed in yet.
    const user = await asSystem(this.dataSource, async (manager) => {
      const repository = manager.getRepository(User);
      // The unique constraint decides (no check-then-insert race between two registrations).
      const { identifiers } = await repository
        .insert({ email, fullName: input.fullName.trim(), passwordHash, role: UserRole.USER })
        .catch((error: unknown) => {
          if (sqlState(error) === UNIQUE_VIOLATION) {
            throw conflict('An account with this email already exists', 'email');
          }
          throw error;
        });
      return repository.findOneByOrFail({ id: Number(identifiers[0].id) });
    });
    return { ...(await this.tokens.issue(user)), user };
  }

  /** Every attempt counts (alone, as one of many aliases, over HTTP or WebSocket). */
  async login(input: { email: string; password: string }, request?: RequestInfo): Promise<Session> {
    const email = normaliseEmail(input.email);
    await this.guesses.count({ email, request });
    // Looking up the account by email is system work: nobody is signed in yet.
    const user = await asSystem(this.dataSource, (manager) =>
      manager.getRepository(User).findOneBy({ email }),
    );
    const valid = user
      ? await verifyPassword(user.passwordHash, input.password)
      : await verifyPassword(await DUMMY_HASH, input.password).then(() => false);
    if (!user || !valid) {
      await this.guesses.failed({
        email,
        request,
        userId: user?.id ?? null,
        details: { knownAccount: user !== null },
      });
      throw invalidCredentials();
    }
    await this.guesses.succeeded(email);
    if (!user.isActive) throw unauthenticated('This account is inactive');
    user.lastLogin = new Date();
    await asSystem(this.dataSource, (manager) =>
      manager.getRepository(User).update({ id: user.id }, { lastLogin: user.lastLogin }),
    );
    return { ...(await this.tokens.issue(user)), user };
  }

  async me(db: RequestDatabase): Promise<User | null> {
    const { viewer } = db;
    if (viewer.kind !== 'user') return null;
    return (await db.manager()).getRepository(User).findOneBy({ id: viewer.userId });
  }

  /**
   * Sets a new password and returns a fresh token; every token issued before stops working. The
   * current password is a guess like a log-in's, counted on the same per-account throttle.
   */
  async changePassword(
    db: RequestDatabase,
    input: { currentPassword: string; newPassword: string },
    request?: RequestInfo,
  ): Promise<Session> {
    const session = requireSession(db.viewer, 'Changing a password');
    const account = await (await db.manager())
      .getRepository(User)
      .findOneByOrFail({ id: session.userId });
    const guess = {
      email: normaliseEmail(account.email),
      request,
      userId: account.id,
      details: { operation: 'changePassword' },
    };
    await this.guesses.count(guess);
    if (!(await verifyPassword(account.passwordHash, input.currentPassword))) {
      await this.guesses.failed(guess);
      throw unauthenticated('The current password is not correct');
    }
    await this.guesses.succeeded(guess.email);
    const passwordHash = await hashPassword(input.newPassword);
    const user = await db.transaction(async (manager) => {
      const repository = manager.getRepository(User);
      await repository.update({ id: account.id }, { passwordHash });
      return repository.findOneByOrFail({ id: account.id });
    });
    return { ...(await this.tokens.issue(user)), user };
  }
}

import type { EntityManager } from 'typeorm';
import { badUserInput } from '../../errors/error-code';
import { looksLikeSessionToken, MAX_SESSION_TOKEN_LENGTH, sessionTokenHash } from './session-token';

export interface TokenHolder {
  sessionId: number;
  userId: number;
  ownerIsGuest: boolean;
}

/** Runs system work: on its own connection before a request has one, else on the request's. */
export type SystemWork = <T>(work: (manager: EntityManager) => Promise<T>) => Promise<T>;

/**
 * Which live session a token opens. System work, like every credential look-up: nobody is known
 * until the token is.
 */
export async function findSessionByToken(
  asSystem: SystemWork,
  token: string,
): Promise<TokenHolder | null> {
  if (token.length > MAX_SESSION_TOKEN_LENGTH)
    throw badUserInput('That is not a session token', [
      { field: 'token', message: `at most ${MAX_SESSION_TOKEN_LENGTH} characters` },
    ]);
  if (!looksLikeSessionToken(token)) return null;
  const rows = await asSystem((manager) =>
    manager.query<{ session_id: number; user_id: number; is_guest: boolean }[]>(
      `SELECT s.session_id, s.user_id, u.is_guest
         FROM wizard_user_sessions s JOIN users u ON u.user_id = s.user_id
        WHERE s.session_token = $1 AND s.deleted_at IS NULL`,
      [sessionTokenHash(token)],
    ),
  );
  const row = rows[0];
  return row
    ? { sessionId: row.session_id, userId: row.user_id, ownerIsGuest: row.is_guest }
    : null;
}

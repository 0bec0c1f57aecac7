import { createHash, randomBytes } from 'node:crypto';

/** Marks a session token, so it is never mistaken for an access token or an API key. */
const PREFIX = 'mws_';
/** 256 random bits (the issue asks for at least 128). */
const TOKEN_BYTES = 32;
/** Longest token worth hashing: anything longer is not one of ours. */
export const MAX_SESSION_TOKEN_LENGTH = 100;

/** A new token; shown once, to whoever started the session. */
export function newSessionToken(): string {
  return PREFIX + randomBytes(TOKEN_BYTES).toString('base64url');
}

/**
 * What the database keeps in session_token: the SHA-256 of the token (a fast hash is right for
 * 256 random bits), so a copy of the table resumes nobody's session.
 */
export function sessionTokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function looksLikeSessionToken(token: string): boolean {
  return token.startsWith(PREFIX) && token.length <= MAX_SESSION_TOKEN_LENGTH;
}

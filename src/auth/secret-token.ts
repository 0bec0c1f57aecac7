import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits: the credentials handed out once (session and share tokens). */
const TOKEN_BYTES = 32;

/** A new token: a prefix that says what it is, then 256 random bits. */
export function newSecretToken(prefix: string): string {
  return prefix + randomBytes(TOKEN_BYTES).toString('base64url');
}

/**
 * What the database keeps of a token: its SHA-256 (a fast hash is right for 256 random bits), so
 * a copy of the table opens nothing.
 */
export function secretTokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

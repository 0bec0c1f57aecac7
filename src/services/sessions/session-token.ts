import { newSecretToken, secretTokenHash } from '../../auth/secret-token';

/** Marks a session token, so it is never mistaken for an access token or an API key. */
const PREFIX = 'mws_';
/** Longest token worth hashing: anything longer is not one of ours. */
export const MAX_SESSION_TOKEN_LENGTH = 100;

/** A new token; shown once, to whoever started the session. */
export const newSessionToken = (): string => newSecretToken(PREFIX);

/** What session_token keeps. */
export const sessionTokenHash = secretTokenHash;

export const looksLikeSessionToken = (token: string): boolean =>
  token.startsWith(PREFIX) && token.length <= MAX_SESSION_TOKEN_LENGTH;

import { newSecretToken, secretTokenHash } from '../../auth/secret-token';

const PREFIX = 'mwsh_';
export const MAX_SHARE_TOKEN_LENGTH = 100;

/** A new share token; shown once, to whoever shared. */
export const newShareToken = (): string => newSecretToken(PREFIX);

/** What share_token keeps. */
export const shareTokenHash = secretTokenHash;

export const looksLikeShareToken = (token: string): boolean =>
  token.startsWith(PREFIX) && token.length <= MAX_SHARE_TOKEN_LENGTH;

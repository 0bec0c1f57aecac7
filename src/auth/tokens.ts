import { createHash } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';

const ISSUER = 'multi-wizard-platform';
const AUDIENCE = 'multi-wizard-platform-api';

export interface TokenClaims {
  userId: number;
  /** Fingerprint of the password hash the token was issued under (see passwordVersion). */
  passwordVersion: string;
}

/**
 * A short fingerprint of the stored password hash. Tokens carry it and are accepted only while it
 * still matches, so changing the password ends every token issued before, with no token table.
 */
export function passwordVersion(passwordHash: string): string {
  return createHash('sha256').update(passwordHash).digest('base64url').slice(0, 16);
}

/** Verified tokens remembered at most (the oldest is forgotten first). */
const VERIFIED_CACHE_SIZE = 10_000;

/** Signed (HS256) access tokens: `sub` is the user id; lifetime from TOKEN_TTL_SECONDS. */
export class TokenService {
  private readonly key: Uint8Array;
  /**
   * Tokens whose signature and claims verified, with their expiry: a client sends the same token
   * on every request, and verifying it again costs more than the rest of the check. Only what
   * the token itself proves is remembered; the account is checked on every request (see
   * Authenticator.fromToken).
   */
  private readonly verified = new Map<string, { claims: TokenClaims; expiresAtMs: number }>();

  constructor(
    secret: string,
    private readonly ttlSeconds: number,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  async issue(user: {
    id: number;
    passwordHash: string;
  }): Promise<{ token: string; expiresAt: Date }> {
    const issuedAt = Math.floor(Date.now() / 1000);
    const expiresAt = issuedAt + this.ttlSeconds;
    const token = await new SignJWT({ pwv: passwordVersion(user.passwordHash) })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(String(user.id))
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .sign(this.key);
    return { token, expiresAt: new Date(expiresAt * 1000) };
  }

  /** The claims of a valid, unexpired token of ours (it must have an expiry); null for anything else. */
  async verify(token: string): Promise<TokenClaims | null> {
    if (token.length > 4096) return null;
    const known = this.verified.get(token);
    if (known) {
      if (known.expiresAtMs > Date.now()) return known.claims;
      this.verified.delete(token);
      return null;
    }
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
        // jose checks exp only when present: a token without one would never expire.
        requiredClaims: ['exp'],
      });
      const userId = Number(payload.sub);
      if (!Number.isSafeInteger(userId) || userId < 1 || typeof payload.pwv !== 'string')
        return null;
      const claims = { userId, passwordVersion: payload.pwv };
      this.remember(token, claims, payload.exp! * 1000);
      return claims;
    } catch {
      return null;
    }
  }

  private remember(token: string, claims: TokenClaims, expiresAtMs: number): void {
    if (this.verified.size >= VERIFIED_CACHE_SIZE) {
      // A Map iterates in insertion order: the first key is the oldest.
      this.verified.delete(this.verified.keys().next().value!);
    }
    this.verified.set(token, { claims, expiresAtMs });
  }
}

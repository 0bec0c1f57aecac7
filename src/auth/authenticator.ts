import type { DataSource } from 'typeorm';
import type { TokenAccount } from '../database/request-database';
import { asSystem } from '../database/system-context';
import type { UserRole } from '../entities/enums';
import { SecurityEventKind, SecuritySeverity } from '../entities/security-event.enums';
import { unauthenticated } from '../errors/error-code';
import type { ApiKeyService } from '../services/api-key.service';
import type { SecurityEventService } from '../services/security-event.service';
import type { RequestInfo } from './request-info';
import { passwordVersion, type TokenService } from './tokens';
import { findSessionByToken } from '../services/sessions/session-token-lookup';
import { ANONYMOUS, type Viewer } from './viewer';

const BEARER = /^Bearer\s+(\S+)$/i;
const API_KEY_PREFIX = 'mwp_';

/**
 * How a bearer token's account is read. By default one statement of its own (as system work);
 * an HTTP request makes it the first statement of its transaction instead
 * (RequestDatabase.openForAccount), which saves a connection checkout and a round trip.
 */
export type AccountCheck = (userId: number) => Promise<TokenAccount | undefined>;

/**
 * Turns the credentials a request carries into a Viewer, or refuses them with UNAUTHENTICATED
 * (HTTP 401) after recording a security event.
 */
export class Authenticator {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: TokenService,
    private readonly apiKeys: ApiKeyService,
    private readonly securityEvents: SecurityEventService,
  ) {}

  /**
   * `Authorization: Bearer <token or API key>` or `X-API-Key: <key>`; failing those, a guest
   * session's `X-Session-Token`; none of them is anonymous.
   */
  async fromHttpHeaders(
    headers: { authorization?: string; apiKey?: string; sessionToken?: string },
    request: RequestInfo,
    checkAccount?: AccountCheck,
  ): Promise<Viewer> {
    if (headers.apiKey) return this.fromApiKey(headers.apiKey, request);
    const header = headers.authorization;
    if (header === undefined || header === '') {
      return headers.sessionToken
        ? this.fromSessionToken(headers.sessionToken, request)
        : ANONYMOUS;
    }
    const match = BEARER.exec(header.trim());
    if (!match) {
      throw await this.refused('The Authorization header must be "Bearer <token>"', request);
    }
    return match[1].startsWith(API_KEY_PREFIX)
      ? this.fromApiKey(match[1], request)
      : this.fromToken(match[1], request, checkAccount);
  }

  /**
   * graphql-ws `connectionParams`: `{ authorization: "Bearer …" }`, `{ token }`, `{ apiKey }` or
   * a guest's `{ sessionToken }`.
   */
  async fromConnectionParams(
    params: Readonly<Record<string, unknown>> | undefined,
    request: RequestInfo,
  ): Promise<Viewer> {
    const authorization = params?.authorization ?? params?.Authorization;
    const apiKey = typeof params?.apiKey === 'string' ? params.apiKey : undefined;
    if (typeof authorization === 'string' || apiKey) {
      const header = typeof authorization === 'string' ? authorization : undefined;
      return this.fromHttpHeaders({ authorization: header, apiKey }, request);
    }
    if (typeof params?.token === 'string') return this.fromToken(params.token, request);
    if (typeof params?.sessionToken === 'string')
      return this.fromSessionToken(params.sessionToken, request);
    return ANONYMOUS;
  }

  /**
   * A guest session's token: the credential for that session alone. The token of a signed-in
   * user's session is no credential (its owner signs in).
   */
  async fromSessionToken(token: string, request: RequestInfo): Promise<Viewer> {
    const holder = await findSessionByToken((work) => asSystem(this.dataSource, work), token).catch(
      () => null,
    );
    if (!holder?.ownerIsGuest)
      throw await this.refused("The session token is invalid or not a guest session's", request);
    return { kind: 'guest', userId: holder.userId, sessionId: holder.sessionId };
  }

  /**
   * A token is good while it verifies, its user exists and is active, and the password it was
   * issued under has not changed since.
   */
  async fromToken(
    token: string,
    request: RequestInfo,
    checkAccount: AccountCheck = (userId) => this.readAccount(userId),
  ): Promise<Viewer> {
    const claims = await this.tokens.verify(token);
    if (!claims) throw await this.refused('The token is invalid or has expired', request);
    const user = await checkAccount(claims.userId);
    if (
      !user ||
      !user.is_active ||
      passwordVersion(user.password_hash) !== claims.passwordVersion
    ) {
      throw await this.refused('The token is no longer valid', request, claims.userId);
    }
    return {
      kind: 'user',
      userId: user.user_id,
      role: user.user_role as UserRole,
      passwordVersion: claims.passwordVersion,
    };
  }

  /**
   * System work: the token's user is not the viewer until this check passes. One statement (the
   * function runs as system work): this is on every request's path.
   */
  private async readAccount(userId: number): Promise<TokenAccount | undefined> {
    const [account] = await this.dataSource.query<TokenAccount[]>(
      'SELECT * FROM rls.token_account($1)',
      [userId],
    );
    return account;
  }

  private async fromApiKey(key: string, request: RequestInfo): Promise<Viewer> {
    try {
      return await this.apiKeys.authenticate(key);
    } catch {
      // The prefix identifies the key without revealing it.
      const prefix = /^mwp_[\w-]{10}/.exec(key)?.[0] ?? null;
      throw await this.refused('The API key is invalid, expired or revoked', request, null, {
        prefix,
      });
    }
  }

  private async refused(
    message: string,
    request: RequestInfo,
    userId: number | null = null,
    apiKey?: { prefix: string | null },
  ) {
    await this.securityEvents.record({
      kind: apiKey ? SecurityEventKind.API_KEY_REJECTED : SecurityEventKind.TOKEN_REJECTED,
      severity: SecuritySeverity.WARNING,
      userId,
      request,
      details: { reason: message, ...(apiKey ?? {}) },
    });
    const error = unauthenticated(message);
    error.extensions.http = { status: 401 };
    return error;
  }
}

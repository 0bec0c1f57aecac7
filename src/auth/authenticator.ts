import type { DataSource } from 'typeorm';
import { User } from '../entities';
import { unauthenticated } from '../errors/error-code';
import type { ApiKeyService } from '../services/api-key.service';
import { passwordVersion, type TokenService } from './tokens';
import { ANONYMOUS, type Viewer } from './viewer';

const BEARER = /^Bearer\s+(\S+)$/i;
const API_KEY_PREFIX = 'mwp_';

/** Turns the credentials a request carries into a Viewer, or refuses them with UNAUTHENTICATED. */
export class Authenticator {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: TokenService,
    private readonly apiKeys: ApiKeyService,
  ) {}

  /**
   * HTTP: `Authorization: Bearer <token or API key>` or `X-API-Key: <key>`; neither is an
   * anonymous viewer.
   */
  async fromHttpHeaders(headers: { authorization?: string; apiKey?: string }): Promise<Viewer> {
    if (headers.apiKey) return this.fromApiKey(headers.apiKey);
    const header = headers.authorization;
    if (header === undefined || header === '') return ANONYMOUS;
    const match = BEARER.exec(header.trim());
    if (!match) throw this.refused('The Authorization header must be "Bearer <token>"');
    return match[1].startsWith(API_KEY_PREFIX)
      ? this.fromApiKey(match[1])
      : this.fromToken(match[1]);
  }

  /** graphql-ws `connectionParams`: `{ authorization: "Bearer …" }`, `{ token }` or `{ apiKey }`. */
  async fromConnectionParams(
    params: Readonly<Record<string, unknown>> | undefined,
  ): Promise<Viewer> {
    const authorization = params?.authorization ?? params?.Authorization;
    const apiKey = typeof params?.apiKey === 'string' ? params.apiKey : undefined;
    if (typeof authorization === 'string' || apiKey) {
      return this.fromHttpHeaders({
        authorization: typeof authorization === 'string' ? authorization : undefined,
        apiKey,
      });
    }
    if (typeof params?.token === 'string') return this.fromToken(params.token);
    return ANONYMOUS;
  }

  /**
   * A token is good while it verifies, its user exists and is active, and the password it was
   * issued under has not changed since.
   */
  async fromToken(token: string): Promise<Viewer> {
    const claims = await this.tokens.verify(token);
    if (!claims) throw this.refused('The token is invalid or has expired');
    const user = await this.dataSource.getRepository(User).findOne({
      where: { id: claims.userId },
      select: { id: true, role: true, isActive: true, passwordHash: true },
    });
    if (!user || !user.isActive || passwordVersion(user.passwordHash) !== claims.passwordVersion) {
      throw this.refused('The token is no longer valid');
    }
    return { kind: 'user', userId: user.id, role: user.role };
  }

  private async fromApiKey(key: string): Promise<Viewer> {
    try {
      return await this.apiKeys.authenticate(key);
    } catch {
      throw this.refused('The API key is invalid, expired or revoked');
    }
  }

  private refused(message: string) {
    const error = unauthenticated(message);
    error.extensions.http = { status: 401 };
    return error;
  }
}

import type { DataSource } from 'typeorm';
import { User } from '../entities';
import { unauthenticated } from '../errors/error-code';
import { passwordVersion, type TokenService } from './tokens';
import { ANONYMOUS, type Viewer } from './viewer';

const BEARER = /^Bearer\s+(\S+)$/i;

/** Turns the credentials a request carries into a Viewer, or refuses them with UNAUTHENTICATED. */
export class Authenticator {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: TokenService,
  ) {}

  /** `Authorization: Bearer <token>`; no header is an anonymous viewer. */
  async fromAuthorizationHeader(header: string | undefined): Promise<Viewer> {
    if (header === undefined || header === '') return ANONYMOUS;
    const match = BEARER.exec(header.trim());
    if (!match) throw this.refused('The Authorization header must be "Bearer <token>"');
    return this.fromToken(match[1]);
  }

  /** graphql-ws `connectionParams`: `{ authorization: "Bearer …" }` or `{ token: "…" }`. */
  async fromConnectionParams(
    params: Readonly<Record<string, unknown>> | undefined,
  ): Promise<Viewer> {
    const authorization = params?.authorization ?? params?.Authorization;
    if (typeof authorization === 'string') return this.fromAuthorizationHeader(authorization);
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

  private refused(message: string) {
    const error = unauthenticated(message);
    error.extensions.http = { status: 401 };
    return error;
  }
}

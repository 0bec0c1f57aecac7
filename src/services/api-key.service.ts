import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { RequestDatabase } from '../database/request-database';
import { asSystem } from '../database/system-context';
import { requireSession } from '../auth/guards';
import type { Viewer } from '../auth/viewer';
import { ApiKey, User } from '../entities';
import type { ApiScope } from '../entities/api-scope';
import { badUserInput, notFound, unauthenticated } from '../errors/error-code';
import type { Connection } from '../graphql/connection';
import { keysetConnection, type PageLimits, type PageRequest } from './pagination';

const KEY_PATTERN = /^(mwp_[A-Za-z0-9_-]{10})_([A-Za-z0-9_-]{43})$/;
const CURSOR_KIND = 'apikey';
const KEY_REFUSED = 'The API key is invalid, expired or revoked';
/** last_used_at is written at most this often per key (not on every request). */
const LAST_USED_RESOLUTION_MS = 60_000;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const manageKeys = (viewer: Viewer) => requireSession(viewer, 'Managing API keys');

/**
 * Partner API keys: the secret (`mwp_<prefix>_<secret>`) is returned once; only its prefix and a
 * SHA-256 are stored (the secret has 256 bits of entropy, so a fast hash is the right tool).
 */
export class ApiKeyService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly limits: PageLimits,
  ) {}

  async create(
    db: RequestDatabase,
    input: { name: string; scopes: ApiScope[]; expiresAt?: Date | null },
  ): Promise<{ apiKey: ApiKey; secret: string }> {
    const owner = manageKeys(db.viewer);
    if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) {
      throw badUserInput('expiresAt must be in the future', [
        { field: 'expiresAt', message: 'must be in the future' },
      ]);
    }
    const prefix = `mwp_${randomBytes(8).toString('base64url').slice(0, 10)}`;
    const secret = `${prefix}_${randomBytes(32).toString('base64url')}`;
    const apiKey = await db.transaction(async (manager) => {
      const repository = manager.getRepository(ApiKey);
      const { identifiers } = await repository.insert({
        userId: owner.userId,
        name: input.name.trim(),
        prefix,
        keyHash: sha256(secret),
        scopes: [...new Set(input.scopes)],
        expiresAt: input.expiresAt ?? null,
      });
      return repository.findOneByOrFail({ id: Number(identifiers[0].id) });
    });
    return { apiKey, secret };
  }

  async list(db: RequestDatabase, page: PageRequest): Promise<Connection<ApiKey>> {
    const owner = manageKeys(db.viewer);
    const query = (await db.manager())
      .getRepository(ApiKey)
      .createQueryBuilder('k')
      .where('k.user_id = :userId', { userId: owner.userId });
    return keysetConnection(
      query,
      { cursor: CURSOR_KIND, key: 'k.api_key_id', order: 'ASC' },
      page,
      this.limits,
    );
  }

  /** Revokes one of the caller's keys; another user's key is NOT_FOUND (it does not exist for them). */
  async revoke(db: RequestDatabase, id: number): Promise<ApiKey> {
    const owner = manageKeys(db.viewer);
    return db.transaction(async (manager) => {
      const repository = manager.getRepository(ApiKey);
      const key = await repository.findOneBy({ id, userId: owner.userId });
      if (!key) throw notFound('ApiKey', id);
      if (!key.revokedAt) {
        key.revokedAt = new Date();
        await repository.update({ id }, { revokedAt: key.revokedAt });
      }
      return key;
    });
  }

  /**
   * The viewer a presented key stands for; UNAUTHENTICATED for anything but a live key. System
   * work: nobody is known until the key is.
   */
  async authenticate(presented: string): Promise<Viewer> {
    const match = KEY_PATTERN.exec(presented);
    if (!match) throw unauthenticated(KEY_REFUSED);
    return asSystem(this.dataSource, (manager) => this.ownerOf(manager, match[1], presented));
  }

  private async ownerOf(manager: EntityManager, prefix: string, presented: string) {
    const refused = () => unauthenticated(KEY_REFUSED);
    const key = await manager.getRepository(ApiKey).findOneBy({ prefix });
    const expected = Buffer.from(key?.keyHash ?? sha256('no key'), 'hex');
    const given = Buffer.from(sha256(presented), 'hex');
    if (!key || !timingSafeEqual(expected, given)) throw refused();
    if (key.revokedAt || (key.expiresAt && key.expiresAt.getTime() <= Date.now())) throw refused();
    const owner = await manager.getRepository(User).findOneBy({ id: key.userId });
    if (!owner || !owner.isActive) throw refused();
    if (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      await manager.getRepository(ApiKey).update({ id: key.id }, { lastUsedAt: new Date() });
    }
    const viewer: Viewer = {
      kind: 'user',
      userId: owner.id,
      role: owner.role,
      scopes: key.scopes,
      apiKeyId: key.id,
    };
    return viewer;
  }
}

import type { EntityManager } from 'typeorm';
import type { RequestDatabase } from '../database/request-database';
import type { RequestInfo } from '../auth/request-info';
import { requireSuperAdminSession } from '../auth/guards';
import type { Viewer } from '../auth/viewer';
import { SecurityEventKind, SecuritySeverity } from '../entities/security-event.enums';
import type { SecurityEventInput, SecurityEventService } from './security-event.service';
import { User } from '../entities';
import { UserRole } from '../entities/enums';
import { badUserInput, forbidden, notFound } from '../errors/error-code';
import type { Connection } from '../graphql/connection';
import { keysetConnection, type PageLimits, type PageRequest } from './pagination';

export interface UserFilter {
  role?: UserRole | null;
  active?: boolean | null;
  search?: string | null;
}

const CURSOR_KIND = 'user';

const manageUsers = (viewer: Viewer) => requireSuperAdminSession(viewer, 'manage users');

/** User administration: listing accounts, roles and (de)activation. */
export class UserService {
  constructor(
    private readonly limits: PageLimits,
    private readonly securityEvents: SecurityEventService,
  ) {}

  async list(
    db: RequestDatabase,
    filter: UserFilter,
    page: PageRequest,
  ): Promise<Connection<User>> {
    manageUsers(db.viewer);
    const query = (await db.manager()).getRepository(User).createQueryBuilder('u');
    if (filter.role != null)
      query.andWhere('COALESCE(u.user_role, :user) = :role', {
        user: UserRole.USER,
        role: filter.role,
      });
    if (filter.active != null)
      query.andWhere('(u.is_active IS TRUE) = :active', { active: filter.active });
    if (filter.search) {
      const pattern = `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query.andWhere('(u.email ILIKE :pattern OR u.full_name ILIKE :pattern)', { pattern });
    }
    return keysetConnection(
      query,
      { cursor: CURSOR_KIND, key: 'u.user_id', order: 'ASC' },
      page,
      this.limits,
    );
  }

  /** Changes another user's role. Nobody changes their own role, so nobody raises it. */
  async setRole(
    db: RequestDatabase,
    userId: number,
    role: UserRole,
    request?: RequestInfo,
  ): Promise<User> {
    const admin = manageUsers(db.viewer);
    if (admin.userId === userId) throw forbidden('You cannot change your own role');
    const { before, user } = await db.transaction(async (manager) => ({
      before: await this.existing(manager, userId),
      user: await this.update(manager, userId, { role }),
    }));
    this.recordOnCommit(db, {
      kind: SecurityEventKind.ROLE_CHANGED,
      severity: role === UserRole.USER ? SecuritySeverity.INFO : SecuritySeverity.WARNING,
      userId,
      request,
      details: { by: admin.userId, from: before.role, to: role },
    });
    return user;
  }

  /** Activates or deactivates another user; a deactivated user's tokens stop working at once. */
  async setActive(
    db: RequestDatabase,
    userId: number,
    isActive: boolean,
    request?: RequestInfo,
  ): Promise<User> {
    const admin = manageUsers(db.viewer);
    if (admin.userId === userId) {
      throw badUserInput('You cannot deactivate yourself', [
        { field: 'userId', message: 'is you' },
      ]);
    }
    const user = await db.transaction((manager) => this.update(manager, userId, { isActive }));
    this.recordOnCommit(db, {
      kind: SecurityEventKind.USER_ACTIVATION_CHANGED,
      severity: SecuritySeverity.INFO,
      userId,
      request,
      details: { by: admin.userId, isActive },
    });
    return user;
  }

  /** The change is only a fact once the request commits. */
  private recordOnCommit(db: RequestDatabase, event: SecurityEventInput): void {
    db.onCommit(() => this.securityEvents.record(event));
  }

  private async existing(manager: EntityManager, userId: number): Promise<User> {
    const user = await manager.getRepository(User).findOneBy({ id: userId });
    if (!user) throw notFound('User', userId);
    return user;
  }

  private async update(
    manager: EntityManager,
    userId: number,
    changes: Partial<Pick<User, 'role' | 'isActive'>>,
  ) {
    const repository = manager.getRepository(User);
    const result = await repository.update({ id: userId }, changes);
    if (!result.affected) throw notFound('User', userId);
    return repository.findOneByOrFail({ id: userId });
  }
}

import { requireAuthorReader } from '../../auth/guards';
import type { RequestDatabase } from '../../database/request-database';
import { AuditEntry } from '../../entities';
import type { AuditAction, AuditEntityType } from '../../entities/audit.enums';
import type { Connection } from '../../graphql/connection';
import { keysetConnection, type PageLimits, type PageRequest } from '../pagination';

export interface AuditFilter {
  wizardId?: number | null;
  entityType?: AuditEntityType | null;
  entityId?: number | null;
  actorUserId?: number | null;
  action?: AuditAction | null;
  since?: Date | null;
}

const CURSOR_KIND = 'audit';

/** Reading the authoring audit trail: authors only, newest first. */
export class AuditLogService {
  constructor(private readonly limits: PageLimits) {}

  async list(
    db: RequestDatabase,
    filter: AuditFilter,
    page: PageRequest,
  ): Promise<Connection<AuditEntry>> {
    requireAuthorReader(db.viewer);
    const query = (await db.manager()).getRepository(AuditEntry).createQueryBuilder('a');
    if (filter.wizardId != null) query.andWhere('a.wizard_id = :wizardId', filter);
    if (filter.entityType) query.andWhere('a.entity_type = :entityType', filter);
    if (filter.entityId != null) query.andWhere('a.entity_id = :entityId', filter);
    if (filter.actorUserId != null) query.andWhere('a.actor_user_id = :actorUserId', filter);
    if (filter.action) query.andWhere('a.action = :action', filter);
    if (filter.since) query.andWhere('a.occurred_at >= :since', filter);
    return keysetConnection(
      query,
      { cursor: CURSOR_KIND, key: 'a.audit_id', order: 'DESC' },
      page,
      this.limits,
    );
  }
}

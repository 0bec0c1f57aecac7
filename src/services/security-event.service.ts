import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { RequestDatabase } from '../database/request-database';
import { asSystem } from '../database/system-context';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import type { RequestInfo } from '../auth/request-info';
import { requireSuperAdminSession } from '../auth/guards';
import { SecurityEvent } from '../entities';
import type { SecurityEventKind, SecuritySeverity } from '../entities/security-event.enums';
import type { Connection } from '../graphql/connection';
import { keysetConnection, type PageLimits, type PageRequest } from './pagination';

export interface SecurityEventInput {
  kind: SecurityEventKind;
  severity: SecuritySeverity;
  userId?: number | null;
  request?: RequestInfo;
  details?: Record<string, unknown>;
}

export interface SecurityEventFilter {
  kind?: SecurityEventKind | null;
  userId?: number | null;
  since?: Date | null;
}

const CURSOR_KIND = 'secevent';

/** Records security events and shows them to SUPER_ADMINs, newest first. */
export class SecurityEventService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly limits: PageLimits,
    private readonly logger: Logger,
  ) {}

  /**
   * Writes events on their own (outside any request transaction, so that a refused request still
   * leaves its trace), all in one statement. A failure to write is logged, never turned into the
   * caller's error.
   */
  async record(...events: SecurityEventInput[]): Promise<void> {
    if (events.length === 0) return;
    try {
      await asSystem(this.dataSource, async (manager) => {
        const repository = manager.getRepository(SecurityEvent);
        const rows = events.map((event) =>
          repository.create({
            kind: event.kind,
            severity: event.severity,
            userId: event.userId ?? null,
            ip: event.request?.ip ?? null,
            userAgent: event.request?.userAgent ?? null,
            requestId: event.request?.requestId ?? null,
            details: event.details ?? null,
          }),
        );
        // TypeORM's insert type cannot follow a free-form JSONB record; the entities are well-formed.
        await repository.insert(rows as QueryDeepPartialEntity<SecurityEvent>[]);
      });
    } catch (error) {
      this.logger.error(
        { err: error, kinds: events.map((e) => e.kind) },
        'could not record security events',
      );
    }
  }

  async list(
    db: RequestDatabase,
    filter: SecurityEventFilter,
    page: PageRequest,
  ): Promise<Connection<SecurityEvent>> {
    requireSuperAdminSession(db.viewer, 'read security events');
    const query = (await db.manager()).getRepository(SecurityEvent).createQueryBuilder('e');
    if (filter.kind) query.andWhere('e.kind = :kind', { kind: filter.kind });
    if (filter.userId != null) query.andWhere('e.user_id = :userId', { userId: filter.userId });
    if (filter.since) query.andWhere('e.occurred_at >= :since', { since: filter.since });
    return keysetConnection(
      query,
      { cursor: CURSOR_KIND, key: 'e.security_event_id', order: 'DESC' },
      page,
      this.limits,
    );
  }
}

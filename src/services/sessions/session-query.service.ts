import { requireUser } from '../../auth/guards';
import { hasScope, isAuthor } from '../../auth/viewer';
import type { RequestDatabase } from '../../database/request-database';
import { UserSessionSummary, WizardSession, WizardSessionActivity } from '../../entities';
import { ApiScope } from '../../entities/api-scope';
import { badUserInput, forbidden, notFound } from '../../errors/error-code';
import type { Connection } from '../../graphql/connection';
import { keysetConnection, type PageLimits, type PageRequest } from '../pagination';
import { requireSessionReader, visibleSession } from './session-access';
import { findSessionByToken } from './session-token-lookup';

export interface SessionFilter {
  wizardId?: number | null;
  completed?: boolean | null;
}

const SESSION_CURSOR = 'session';
const SUMMARY_CURSOR = 'summary';

export interface SummaryFilter {
  wizardId?: number | null;
  userId?: number | null;
  completed?: boolean | null;
}
const ACTIVITY_CURSOR = 'activity';

/** Reading sessions and their activity. */
export class SessionQueryService {
  constructor(private readonly limits: PageLimits) {}

  /** One session by id or by token (exactly one of them). */
  async findOne(
    db: RequestDatabase,
    by: { id?: number | null; token?: string | null },
  ): Promise<WizardSession> {
    if ((by.id == null) === (by.token == null))
      throw badUserInput('Give exactly one of id and token', [
        { field: 'id', message: 'give id or token, not both' },
      ]);
    if (by.id != null) return visibleSession(db, by.id);
    const holder = await findSessionByToken((work) => db.asSystem(work), by.token!);
    if (!holder) throw notFound('WizardSession', 'with that token');
    const viewer = db.viewer;
    // An anonymous request holding a guest session's token continues as that guest.
    if (viewer.kind === 'anonymous' && holder.ownerIsGuest)
      await db.becomeGuest({ kind: 'guest', userId: holder.userId, sessionId: holder.sessionId });
    else if (viewer.kind === 'anonymous') throw forbidden('Sign in to open this session');
    try {
      return await visibleSession(db, holder.sessionId);
    } catch {
      throw forbidden('The session token does not open this session for you');
    }
  }

  /** The viewer's own sessions, newest first. */
  async mine(
    db: RequestDatabase,
    filter: SessionFilter,
    page: PageRequest,
  ): Promise<Connection<WizardSession>> {
    const viewer = requireUser(db.viewer);
    requireSessionReader(viewer);
    const query = (await db.manager())
      .getRepository(WizardSession)
      .createQueryBuilder('s')
      .where('s.user_id = :userId AND s.deleted_at IS NULL', { userId: viewer.userId });
    if (filter.wizardId != null) query.andWhere('s.wizard_id = :wizardId', filter);
    if (filter.completed != null) query.andWhere('(s.is_completed IS TRUE) = :completed', filter);
    return keysetConnection(
      query,
      { cursor: SESSION_CURSOR, key: 's.session_id', order: 'DESC' },
      page,
      this.limits,
    );
  }

  /** The seed's session summaries of live sessions, newest first (authors; the view is RLS'd). */
  async summaries(
    db: RequestDatabase,
    filter: SummaryFilter,
    page: PageRequest,
  ): Promise<Connection<UserSessionSummary & { id: number }>> {
    const viewer = requireUser(db.viewer);
    if (!isAuthor(viewer)) throw forbidden('Only authors (ADMIN) list session summaries');
    if (!hasScope(viewer, ApiScope.SESSIONS_READ))
      throw forbidden('This API key lacks the SESSIONS_READ scope');
    const query = (await db.manager())
      .getRepository(UserSessionSummary)
      .createQueryBuilder('v')
      .where(
        'v.session_id IN (SELECT s.session_id FROM wizard_user_sessions s WHERE s.deleted_at IS NULL)',
      );
    if (filter.wizardId != null) query.andWhere('v.wizard_id = :wizardId', filter);
    if (filter.userId != null) query.andWhere('v.user_id = :userId', filter);
    if (filter.completed != null) query.andWhere('(v.is_completed IS TRUE) = :completed', filter);
    return keysetConnection(
      query,
      {
        cursor: SUMMARY_CURSOR,
        key: 'v.session_id',
        order: 'DESC',
        toNode: (row) => Object.assign(row, { id: row.sessionId }),
      },
      page,
      this.limits,
    );
  }

  /** Summaries of the given sessions, in one statement (the WizardSession.summary field). */
  async summariesOf(db: RequestDatabase, ids: readonly number[]): Promise<UserSessionSummary[]> {
    return (await db.manager())
      .getRepository(UserSessionSummary)
      .createQueryBuilder('v')
      .where('v.session_id = ANY(:ids)', { ids })
      .getMany();
  }

  /**
   * A session's transitions (its owner or an author), or a wizard's (authors), oldest first:
   * the log id is also the cursor live events continue from.
   */
  async activity(
    db: RequestDatabase,
    by: { sessionId?: number | null; wizardId?: number | null },
    page: PageRequest,
  ): Promise<Connection<WizardSessionActivity>> {
    if ((by.sessionId == null) === (by.wizardId == null))
      throw badUserInput('Give exactly one of sessionId and wizardId', [
        { field: 'sessionId', message: 'give sessionId or wizardId, not both' },
      ]);
    const viewer = db.viewer;
    if (by.sessionId != null) {
      const session = await visibleSession(db, by.sessionId);
      const owner = viewer.kind !== 'anonymous' && viewer.userId === session.userId;
      if (!owner && !isAuthor(viewer))
        throw forbidden("Only the session's owner and authors read its activity");
    } else {
      const user = requireUser(viewer);
      if (!isAuthor(user)) throw forbidden("Only authors (ADMIN) read a wizard's activity");
      if (!hasScope(user, ApiScope.SESSIONS_READ))
        throw forbidden('This API key lacks the SESSIONS_READ scope');
    }
    const query = (await db.manager()).getRepository(WizardSessionActivity).createQueryBuilder('a');
    if (by.sessionId != null) query.where('a.session_id = :sessionId', by);
    else query.where('a.wizard_id = :wizardId', by);
    return keysetConnection(
      query,
      { cursor: ACTIVITY_CURSOR, key: 'a.log_id', order: 'ASC' },
      page,
      this.limits,
    );
  }
}

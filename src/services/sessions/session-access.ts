import type { EntityManager } from 'typeorm';
import { hasScope, type Viewer } from '../../auth/viewer';
import type { RequestDatabase } from '../../database/request-database';
import { hydrate } from '../../database/hydrate';
import { queryPrepared } from '../../database/prepared-statement';
import { WizardSession, WizardStepSkip, WizardUserSelection } from '../../entities';
import { ApiScope } from '../../entities/api-scope';
import { ErrorCode, forbidden, notFound, unauthenticated } from '../../errors/error-code';
import { GraphQLError } from 'graphql';

/** Why a session takes no changes now; sent as extensions.reason with CONFLICT. */
export type SessionLockReason = 'STALE_VERSION' | 'COMPLETED' | 'EXPIRED' | 'PAUSED' | 'NOT_PAUSED';

export function sessionConflict(
  message: string,
  reason: SessionLockReason,
  session: WizardSession,
): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.CONFLICT, reason, currentVersion: session.version },
  });
}

/**
 * Reading sessions: a signed-in user (an API key: with sessions:read) or the guest of one
 * session. Row-level security decides which rows; this decides who may ask at all.
 */
export function requireSessionReader(viewer: Viewer): void {
  if (viewer.kind === 'anonymous') throw unauthenticated();
  if (viewer.kind === 'user' && !hasScope(viewer, ApiScope.SESSIONS_READ))
    throw forbidden('This API key lacks the SESSIONS_READ scope');
}

/** Running sessions: as for reading, with sessions:write for an API key. */
export function requireSessionWriter(viewer: Viewer): void {
  if (viewer.kind === 'anonymous') throw unauthenticated();
  if (viewer.kind === 'user' && !hasScope(viewer, ApiScope.SESSIONS_WRITE))
    throw forbidden('This API key lacks the SESSIONS_WRITE scope');
}

/** A guest's token is the credential for its own session and nothing else. */
function refuseOtherSession(viewer: Viewer, sessionId: number): void {
  if (viewer.kind === 'guest' && viewer.sessionId !== sessionId)
    throw forbidden('The session token presented is for another session');
}

/** A live (not deleted) session the viewer may see; NOT_FOUND otherwise. */
export async function visibleSession(db: RequestDatabase, id: number): Promise<WizardSession> {
  // A validated share token is a credential for its session, signed in or not.
  if (db.presentedShare?.sessionId !== id) requireSessionReader(db.viewer);
  refuseOtherSession(db.viewer, id);
  const session = await (await db.manager())
    .getRepository(WizardSession)
    .createQueryBuilder('s')
    .where('s.session_id = :id AND s.deleted_at IS NULL', { id })
    .getOne();
  if (!session) throw notFound('WizardSession', id);
  return session;
}

/** A locked session with what its writer needs to know, read in the same statement. */
export interface LockedSession {
  session: WizardSession;
  /** Its wizard's definition_revision (keys the definition cache). */
  revision: string;
  /** Whether its owner is a guest, as far as the viewer may see the owner's account. */
  ownerIsGuest: boolean;
  /** A replay whose answers have not been modified yet (only then is it checked after a change). */
  unmodifiedReplay: boolean;
  /** Its answers as stored, in answer order. */
  selections: WizardUserSelection[];
  skips: WizardStepSkip[];
}

/**
 * What only a session's owner does (deleting it, sharing it, saving it as a template): a share,
 * even one with canEdit, grants the runtime changes and nothing more. A guest owns its session.
 */
export function requireOwner(viewer: Viewer, session: WizardSession, action: string): void {
  if (viewer.kind === 'anonymous' || viewer.userId !== session.userId)
    throw forbidden(`Only the owner of a session ${action}`);
}

/**
 * One statement for all a writer reads: the session row, locked (row-level security applies the
 * UPDATE policy to FOR UPDATE: only rows the viewer may change), and, under their own tables'
 * policies, its wizard's revision, its owner's guest flag (an owner hidden from the viewer reads
 * as no guest, as in loadSnapshots), whether it is an unmodified replay, and its answer rows.
 */
export const LOCK_SQL = `
  SELECT s.*,
    (SELECT w.definition_revision FROM wizards w WHERE w.wizard_id = s.wizard_id) AS lock_revision,
    COALESCE((SELECT u.is_guest FROM users u WHERE u.user_id = s.user_id), false)
      AS lock_owner_is_guest,
    EXISTS (SELECT 1 FROM wizard_session_replays r
             WHERE r.new_session_id = s.session_id AND r.modifications_made IS NOT TRUE)
      AS lock_unmodified_replay,
    (SELECT COALESCE(json_agg(x ORDER BY x.selection_order, x.selection_id), '[]')
       FROM wizard_user_selections x WHERE x.session_id = s.session_id) AS lock_selections,
    (SELECT COALESCE(json_agg(k ORDER BY k.skip_id), '[]')
       FROM wizard_step_skips k WHERE k.session_id = s.session_id) AS lock_skips
  FROM wizard_user_sessions s
  WHERE s.session_id = $1 AND s.deleted_at IS NULL
  FOR UPDATE OF s`;

interface LockRow extends Record<string, unknown> {
  lock_revision: string;
  lock_owner_is_guest: boolean;
  lock_unmodified_replay: boolean;
  lock_selections: Record<string, unknown>[];
  lock_skips: Record<string, unknown>[];
}

/**
 * Locks a session the viewer may change, for the rest of the request's transaction: concurrent
 * writers queue here and then see the version the first one wrote. A session the viewer can see
 * but not change (an author reading someone else's) is FORBIDDEN.
 */
export async function lockSession(
  db: RequestDatabase,
  manager: EntityManager,
  id: number,
  ownerOnly?: string,
): Promise<LockedSession> {
  requireSessionWriter(db.viewer);
  refuseOtherSession(db.viewer, id);
  // Prepared: planned once per connection (it is on every change's path).
  const [row] = await queryPrepared<LockRow>(manager.queryRunner!, LOCK_SQL, [id]);
  if (row) {
    const session = hydrate(manager, WizardSession, row);
    if (ownerOnly) requireOwner(db.viewer, session, ownerOnly);
    return {
      session,
      revision: String(row.lock_revision),
      ownerIsGuest: row.lock_owner_is_guest,
      unmodifiedReplay: row.lock_unmodified_replay,
      selections: row.lock_selections.map((x) => hydrate(manager, WizardUserSelection, x)),
      skips: row.lock_skips.map((k) => hydrate(manager, WizardStepSkip, k)),
    };
  }
  await visibleSession(db, id);
  throw forbidden('You may read this session but not change it');
}

/** The checks every change to a session's answers goes through, in this order. */
export function assertWritable(
  session: WizardSession,
  expectedVersion: number,
  now: Date,
  options: { allowPaused?: boolean } = {},
): void {
  if (session.version !== expectedVersion)
    throw sessionConflict(
      `The session changed since version ${expectedVersion}; it is at version ${session.version}`,
      'STALE_VERSION',
      session,
    );
  if (session.isCompleted)
    throw sessionConflict('The session is completed and read-only', 'COMPLETED', session);
  if (isExpired(session, now))
    throw sessionConflict('The session has expired and is read-only', 'EXPIRED', session);
  if (session.pausedAt && !options.allowPaused)
    throw sessionConflict('The session is paused; resume it first', 'PAUSED', session);
}

export const isExpired = (session: WizardSession, now: Date): boolean =>
  !session.isCompleted && session.expiresAt !== null && session.expiresAt <= now;

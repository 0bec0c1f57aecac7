import { requireUser } from '../../auth/guards';
import type { RequestDatabase } from '../../database/request-database';
import { hasScope } from '../../auth/viewer';
import { WizardSession } from '../../entities';
import { ApiScope } from '../../entities/api-scope';
import { forbidden, notFound } from '../../errors/error-code';
import type { SessionDataCipher } from './session-data-cipher';
import { configOf } from './session-config';
import { snapshotForCopy, type SessionSnapshot, type SnapshotCache } from './session-snapshot';
import type { SessionStartService } from './session-start.service';
import { startCopy, type CopyResult } from './session-copy';

/** Starting again from an earlier session. */
export class ReplayService {
  constructor(
    private readonly cipher: SessionDataCipher,
    private readonly snapshots: SnapshotCache,
    private readonly starter: SessionStartService,
  ) {}

  /**
   * The session to replay: the viewer's own, or one shared with them (bound to them) with
   * can_clone, read as system work once that share is found (a clone-only share does not show it).
   */
  private async source(
    db: RequestDatabase,
    userId: number,
    input: { sessionId: number; withData: boolean },
  ): Promise<{ session: WizardSession; snapshot: SessionSnapshot; dataAllowed: boolean }> {
    const manager = await db.manager();
    const own = await manager
      .getRepository(WizardSession)
      .createQueryBuilder('s')
      .where('s.session_id = :id AND s.user_id = :userId AND s.deleted_at IS NULL', {
        id: input.sessionId,
        userId,
      })
      .getOne();
    if (own)
      return { session: own, snapshot: await this.snapshots.load(db, own), dataAllowed: true };
    // The viewer sees shares bound to them (row-level security), so this finds only theirs.
    const [share] = await manager.query<
      { can_clone: boolean | null; include_user_data: boolean | null }[]
    >(
      `SELECT can_clone, include_user_data FROM wizard_session_shares
        WHERE session_id = $1 AND shared_with_user_id = $2 AND is_active IS TRUE
          AND (expires_at IS NULL OR expires_at > now())
          AND (max_uses IS NULL OR COALESCE(use_count, 0) < max_uses)
        ORDER BY can_clone DESC NULLS LAST, include_user_data DESC NULLS LAST LIMIT 1`,
      [input.sessionId, userId],
    );
    if (!share) throw notFound('WizardSession', input.sessionId);
    if (share.can_clone !== true) throw forbidden('The share does not allow copying');
    if (input.withData && share.include_user_data !== true)
      throw forbidden('The share does not include user data');
    const snapshot = await snapshotForCopy(db, input.sessionId, this.cipher);
    if (!snapshot) throw notFound('WizardSession', input.sessionId);
    const dataAllowed = share.include_user_data === true && snapshot.session.storeUserData;
    return { session: snapshot.session, snapshot, dataAllowed };
  }

  /**
   * A new session with an earlier one's answers applied to the wizard as it is now: the viewer's
   * own session, or one shared with them (bound to them) with can_clone.
   */
  async replay(
    db: RequestDatabase,
    input: { sessionId: number; withData: boolean; name?: string | null },
  ): Promise<CopyResult> {
    const viewer = requireUser(db.viewer);
    if (!hasScope(viewer, ApiScope.SESSIONS_WRITE))
      throw forbidden('This API key lacks the SESSIONS_WRITE scope');
    const source = await this.source(db, viewer.userId, input);
    const original = source.session;
    const withData = input.withData && source.dataAllowed;
    // Typed data is applied only with withData (and reported as left out otherwise).
    const config = configOf(source.snapshot.model, source.snapshot.state, true);
    return startCopy(
      this.starter,
      db,
      {
        wizardId: original.wizardId,
        name: input.name ?? original.name,
        storeUserData: original.storeUserData,
      },
      { config, withData, origin: { templateId: null, originalSessionId: original.id } },
    );
  }
}

import { requireUser } from '../../auth/guards';
import type { RequestDatabase } from '../../database/request-database';
import { forbidden } from '../../errors/error-code';
import { visibleSession } from './session-access';
import { applyConfig, configDigest, configOf } from './session-config';
import type { SnapshotCache } from './session-snapshot';
import type { SessionStartService } from './session-start.service';
import { recordReplay, type CopyResult } from './template.service';

/** Starting again from an earlier session. */
export class ReplayService {
  constructor(
    private readonly snapshots: SnapshotCache,
    private readonly starter: SessionStartService,
  ) {}

  /**
   * A new session with an earlier one's answers applied to the wizard as it is now: the viewer's
   * own session, or one shared with them (bound to them) with can_clone.
   */
  async replay(
    db: RequestDatabase,
    input: { sessionId: number; withData: boolean; name?: string | null },
  ): Promise<CopyResult> {
    const viewer = requireUser(db.viewer);
    const original = await visibleSession(db, input.sessionId);
    if (original.userId !== viewer.userId) {
      const manager = await db.manager();
      const [share] = await manager.query<{ include_user_data: boolean | null }[]>(
        `SELECT include_user_data FROM wizard_session_shares
          WHERE session_id = $1 AND shared_with_user_id = $2 AND is_active IS TRUE
            AND can_clone IS TRUE AND (expires_at IS NULL OR expires_at > now())
            AND (max_uses IS NULL OR COALESCE(use_count, 0) < max_uses)
          ORDER BY include_user_data DESC NULLS LAST LIMIT 1`,
        [original.id, viewer.userId],
      );
      if (!share) throw forbidden('Only your own sessions, or ones shared with you to clone');
      if (input.withData && share.include_user_data !== true)
        throw forbidden('The share does not include user data');
    }
    const source = await this.snapshots.load(db, original);
    // Typed data comes along only when asked, and never out of a session that keeps it sealed
    // unless the replay is the owner's own.
    const withData =
      input.withData && (original.storeUserData || original.userId === viewer.userId);
    const config = configOf(source.model, source.state, withData);
    const started = await this.starter.startPlanned(
      db,
      {
        wizardId: original.wizardId,
        name: input.name ?? original.name,
        storeUserData: original.storeUserData,
      },
      (model, isGuest) => {
        const outcome = applyConfig(model, config, { withData, isGuest });
        const current = configDigest(configOf(model, outcome.state, withData));
        return { state: outcome.state, result: { ...outcome, current } };
      },
      (manager, session, outcome) =>
        recordReplay(manager, db, session, {
          templateId: null,
          originalSessionId: original.id,
          withData,
          baseline: config,
          current: outcome.current,
          applied: outcome.applied,
          notApplied: outcome.notApplied,
        }),
    );
    return { ...started, applied: started.result.applied, notApplied: started.result.notApplied };
  }
}

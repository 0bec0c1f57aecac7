import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { RequestDatabase } from '../../database/request-database';
import { WizardSession, WizardStepSkip, WizardUserSelection } from '../../entities';
import { ActivityType } from '../../entities/enums';
import type { SessionState, SetAnswer } from '../../runtime';
import { recordActivity } from './session-activity';
import { assertWritable, lockSession } from './session-access';
import type { SessionDataCipher } from './session-data-cipher';
import { loadSnapshots, type SessionSnapshot, type SnapshotCache } from './session-snapshot';
import { rowIsKept, selectionRows } from './stored-answers';
import { configDigest, configOf, withoutData } from './session-config';

const ANSWER_CHANGES = new Set<ActivityType>([
  ActivityType.STEP_COMPLETED,
  ActivityType.STEP_SKIPPED,
]);

/** What a change sees: the locked session, its snapshot and the one clock reading it uses. */
export interface ChangeContext {
  manager: EntityManager;
  session: WizardSession;
  snapshot: SessionSnapshot;
  now: Date;
}

/** What a change reports: its result and the activity row it makes (if it is a transition). */
export interface ChangeOutcome<R> {
  result: R;
  activity?: { type: ActivityType; details: Record<string, unknown> };
}

export interface ChangeOptions {
  /** Pause, resume and delete act on paused sessions; delete also on read-only ones. */
  allowPaused?: boolean;
  allowReadOnly?: boolean;
  /** Only the session's owner may make this change (what it does, for the refusal). */
  ownerOnly?: string;
}

/**
 * The one path every session mutation takes, in one savepoint: lock the row, check the
 * expected version and state, let the change work on a fresh snapshot, bump the version, write
 * the activity row, and hand back the session as it now is.
 */
export class SessionWriter {
  constructor(
    private readonly cipher: SessionDataCipher,
    private readonly lifetimeSeconds: number,
    private readonly snapshots: SnapshotCache,
  ) {}

  change<R>(
    db: RequestDatabase,
    sessionId: number,
    expectedVersion: number,
    options: ChangeOptions,
    work: (context: ChangeContext) => Promise<ChangeOutcome<R>>,
  ): Promise<{ result: R; snapshot: SessionSnapshot }> {
    return db.transaction(async (manager) => {
      const session = await lockSession(db, manager, sessionId, options.ownerOnly);
      const now = new Date();
      if (options.allowReadOnly) {
        if (session.version !== expectedVersion)
          assertWritable(session, expectedVersion, now, { allowPaused: true });
      } else assertWritable(session, expectedVersion, now, options);
      const [snapshot] = await loadSnapshots(manager, [session], this.cipher, db.viewer);
      const outcome = await work({ manager, session, snapshot, now });
      const fresh = await manager.findOneByOrFail(WizardSession, { id: sessionId });
      if (outcome.activity)
        await recordActivity(manager, db, fresh, outcome.activity.type, outcome.activity.details);
      const [next] = await loadSnapshots(manager, [fresh], this.cipher, db.viewer);
      // Only submits and skips change answers; the other transitions cannot modify a replay.
      if (outcome.activity && ANSWER_CHANGES.has(outcome.activity.type))
        await markReplayModified(manager, next);
      this.snapshots.prime(db, next);
      return { result: outcome.result, snapshot: next };
    });
  }

  /** Saves changed columns, bumps the version and slides the expiry (every change is activity). */
  async touch(
    context: ChangeContext,
    changes: QueryDeepPartialEntity<WizardSession>,
  ): Promise<void> {
    const { manager, session, now } = context;
    const expiresAt = new Date(now.getTime() + this.lifetimeSeconds * 1000);
    await manager
      .createQueryBuilder()
      .update(WizardSession)
      .set({ ...changes, lastModified: now, expiresAt, version: () => 'row_version + 1' })
      .where('session_id = :id AND row_version = :version', session)
      .execute();
  }

  /**
   * Makes the stored answers and skips match a new engine state: rows no longer in it go (what
   * the engine pruned), the submitted step's rows are written anew, in choice order.
   */
  async saveAnswers(
    context: ChangeContext,
    state: SessionState,
    submitted?: { stepId: number; answers: SetAnswer[]; timeSpentSeconds: number | null },
  ): Promise<void> {
    const { manager, session, snapshot } = context;
    const doomed = snapshot.selections
      .filter((row) => row.stepId === submitted?.stepId || !rowIsKept(row, state.answers))
      .map((row) => row.id);
    if (doomed.length) await manager.delete(WizardUserSelection, doomed);
    const goneSkips = snapshot.skips
      .filter((skip) => !Object.hasOwn(state.skipped, skip.stepId))
      .map((skip) => skip.id);
    if (goneSkips.length) await manager.delete(WizardStepSkip, goneSkips);
    if (!submitted) return;
    const lastOrder = Math.max(0, ...snapshot.selections.map((row) => row.selectionOrder ?? 0));
    const rows = selectionRows(submitted.answers, {
      sessionId: session.id,
      stepId: submitted.stepId,
      storeUserData: session.storeUserData,
      cipher: this.cipher,
      timeSpentSeconds: submitted.timeSpentSeconds,
      firstOrder: lastOrder + 1,
    });
    if (rows.length) await manager.insert(WizardUserSelection, rows);
  }
}

/**
 * A session started as a replay is "modified" once its answers differ from those it started
 * with (compared by digest, with or without typed data as the replay was made).
 */
async function markReplayModified(manager: EntityManager, snapshot: SessionSnapshot) {
  const { model, state, session } = snapshot;
  const withData = configDigest(withoutData(configOf(model, state, true), true));
  const withoutTyped = configDigest(withoutData(configOf(model, state, false), false));
  await manager.query(
    `UPDATE wizard_session_replays SET modifications_made = true
      WHERE new_session_id = $1 AND modifications_made IS NOT TRUE
        AND baseline_digest IS DISTINCT FROM CASE WHEN replay_with_data IS TRUE THEN $2 ELSE $3 END`,
    [session.id, withData, withoutTyped],
  );
}

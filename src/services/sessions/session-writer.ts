import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { RequestDatabase } from '../../database/request-database';
import { WizardSession, WizardStepSkip, WizardUserSelection } from '../../entities';
import { ActivityType } from '../../entities/enums';
import type { SessionState, SetAnswer } from '../../runtime';
import { queueActivity } from './session-activity';
import { assertWritable, lockSession, type LockedSession } from './session-access';
import { hydrate, hydrateOnto } from '../../database/hydrate';
import { WriteBatch } from '../../database/write-batch';
import { updateSql } from '../../database/entity-sql';
import { currentWizardModel } from '../../definitions/wizard-model-cache';
import type { SessionDataCipher } from './session-data-cipher';
import {
  assembleSnapshot,
  sharedWithData,
  type SessionSnapshot,
  type SnapshotCache,
} from './session-snapshot';
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
  /** The session's answer rows as the change leaves them (kept up to date by the writer). */
  rows: { selections: WizardUserSelection[]; skips: WizardStepSkip[] };
  /**
   * The change's writes, sent as one statement once the work is done (the work queues them:
   * nothing it writes is read back before then).
   */
  writes: WriteBatch;
  /** Whether touch() queued the session row's update (its version then goes up by one). */
  touched: boolean;
  /** The session row as touch() wrote it (once the writes have run). */
  written?: WizardSession;
  /** Runs once the request's transaction has committed (dropped if this change is undone). */
  afterCommit(hook: () => void | Promise<void>): void;
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
 * the activity row, and hand back the session as it now is. It reads only what it cannot know:
 * the locked row (with its wizard's revision), the answer rows, and the wizard's definition when
 * the cache does not hold its current revision; the new snapshot is built from what was written.
 * What the change writes goes in one statement (a WriteBatch): a submit is the lock, that
 * statement, and the request's framing.
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
    work: (context: ChangeContext) => ChangeOutcome<R> | Promise<ChangeOutcome<R>>,
  ): Promise<{ result: R; snapshot: SessionSnapshot }> {
    return db.transaction(async (manager) => {
      const locked = await lockSession(db, manager, sessionId, options.ownerOnly);
      const { session } = locked;
      const now = new Date();
      if (options.allowReadOnly) {
        if (session.version !== expectedVersion)
          assertWritable(session, expectedVersion, now, { allowPaused: true });
      } else assertWritable(session, expectedVersion, now, options);
      const snapshot = await this.lockedSnapshot(db, manager, locked);
      const rows = { selections: snapshot.selections, skips: snapshot.skips };
      const afterCommit = (hook: () => void | Promise<void>) => db.onCommit(hook);
      const writes = new WriteBatch();
      const base = { manager, session, snapshot, now, rows, afterCommit, writes };
      const context: ChangeContext = { ...base, touched: false };
      const outcome = await work(context);
      if (outcome.activity) {
        // The version the session is at once the writes have run (touch() bumps it by one).
        const version = session.version + (context.touched ? 1 : 0);
        const { type, details } = outcome.activity;
        queueActivity(writes, manager, db, { ...session, version }, type, details);
      }
      await writes.flush(manager);
      const fresh =
        context.written ?? (await manager.findOneByOrFail(WizardSession, { id: sessionId }));
      const next = assembleSnapshot(
        fresh,
        snapshot.model,
        { ...rows, isGuest: snapshot.isGuest, sharedWithData: snapshot.sharedWithData },
        this.cipher,
      );
      // Only submits and skips change answers; the other transitions cannot modify a replay.
      if (locked.unmodifiedReplay && outcome.activity && ANSWER_CHANGES.has(outcome.activity.type))
        await markReplayModified(manager, next);
      this.snapshots.prime(db, next);
      return { result: outcome.result, snapshot: next };
    });
  }

  /** The locked session's snapshot, with its wizard from the cache if current. */
  private async lockedSnapshot(
    db: RequestDatabase,
    manager: EntityManager,
    locked: LockedSession,
  ): Promise<SessionSnapshot> {
    const { session, selections, skips } = locked;
    const model = await currentWizardModel(manager, session.wizardId, locked.revision);
    const withData = await sharedWithData(manager, [session], db.viewer);
    return assembleSnapshot(
      session,
      model!,
      { selections, skips, isGuest: locked.ownerIsGuest, sharedWithData: withData.has(session.id) },
      this.cipher,
    );
  }

  /** Saves changed columns, bumps the version and slides the expiry (every change is activity). */
  touch(context: ChangeContext, changes: QueryDeepPartialEntity<WizardSession>): void {
    const { manager, session, now } = context;
    const expiresAt = new Date(now.getTime() + this.lifetimeSeconds * 1000);
    // The row is locked: what the update does not set is as the lock read it, so only the set
    // columns come back.
    const [sql, params] = updateSql(
      manager,
      WizardSession,
      { ...changes, lastModified: now, expiresAt, version: () => 'row_version + 1' },
      { id: session.id, version: session.version },
      { returning: 'set' },
    );
    context.touched = true;
    context.writes.add(
      sql,
      params,
      ([row]) => {
        if (row) context.written = hydrateOnto(manager, WizardSession, session, row);
      },
      { primary: true },
    );
  }

  /**
   * Makes the stored answers and skips match a new engine state: rows no longer in it go (what
   * the engine pruned), the submitted step's rows are written anew, in choice order.
   */
  saveAnswers(
    context: ChangeContext,
    state: SessionState,
    submitted?: { stepId: number; answers: SetAnswer[]; timeSpentSeconds: number | null },
  ): void {
    const { manager, session, rows, writes } = context;
    const doomed = new Set(
      rows.selections
        .filter((row) => row.stepId === submitted?.stepId || !rowIsKept(row, state.answers))
        .map((row) => row.id),
    );
    if (doomed.size)
      writes.add('DELETE FROM wizard_user_selections WHERE selection_id = ANY($1::int[])', [
        [...doomed],
      ]);
    const goneSkips = new Set(
      rows.skips.filter((skip) => !Object.hasOwn(state.skipped, skip.stepId)).map((s) => s.id),
    );
    if (goneSkips.size)
      writes.add('DELETE FROM wizard_step_skips WHERE skip_id = ANY($1::int[])', [[...goneSkips]]);
    const lastOrder = Math.max(0, ...rows.selections.map((row) => row.selectionOrder ?? 0));
    rows.selections = rows.selections.filter((row) => !doomed.has(row.id));
    rows.skips = rows.skips.filter((skip) => !goneSkips.has(skip.id));
    if (!submitted) return;
    const fresh = selectionRows(submitted.answers, {
      sessionId: session.id,
      stepId: submitted.stepId,
      storeUserData: session.storeUserData,
      cipher: this.cipher,
      timeSpentSeconds: submitted.timeSpentSeconds,
      firstOrder: lastOrder + 1,
    });
    writes.addInsert(manager, WizardUserSelection, fresh, (inserted) =>
      rows.selections.push(...inserted),
    );
  }

  /** Records a skip of a step (again: the reason and time are updated). */
  saveSkip(context: ChangeContext, stepId: number, reason: string | null): void {
    const { manager, session, rows, writes } = context;
    writes.add(
      `INSERT INTO wizard_step_skips (session_id, step_id, skip_reason) VALUES ($1, $2, $3)
       ON CONFLICT ON CONSTRAINT unique_session_step_skip
       DO UPDATE SET skip_reason = EXCLUDED.skip_reason, skipped_at = CURRENT_TIMESTAMP
       RETURNING *`,
      [session.id, stepId, reason],
      ([written]) => {
        const skip = hydrate(manager, WizardStepSkip, written);
        const at = rows.skips.findIndex((row) => row.id === skip.id);
        rows.skips =
          at < 0 ? [...rows.skips, skip] : rows.skips.map((row, i) => (i === at ? skip : row));
      },
    );
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

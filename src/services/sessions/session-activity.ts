import type { EntityManager } from 'typeorm';
import { WriteBatch } from '../../database/write-batch';
import type { RequestDatabase } from '../../database/request-database';
import { sessionEvents } from '../../events/session-events';
import { WizardSession, WizardSessionActivity } from '../../entities';
import type { ActivityType } from '../../entities/enums';

/** What an activity row needs of its session (its version as the change leaves it). */
type ActivitySession = Pick<WizardSession, 'id' | 'wizardId' | 'userId' | 'version'>;

/**
 * One activity row for a session transition, written with the change in the same savepoint (a
 * failed mutation leaves none). Details never carry what the user typed.
 */
export async function recordActivity(
  manager: EntityManager,
  db: RequestDatabase,
  session: ActivitySession,
  type: ActivityType,
  details: Record<string, unknown>,
): Promise<void> {
  const writes = new WriteBatch();
  queueActivity(writes, manager, db, session, type, details);
  await writes.flush(manager);
}

/** recordActivity() as part of a change's other writes (one statement for all of them). */
export function queueActivity(
  writes: WriteBatch,
  manager: EntityManager,
  db: RequestDatabase,
  session: ActivitySession,
  type: ActivityType,
  details: Record<string, unknown>,
): void {
  const viewer = db.viewer;
  const userId = viewer.kind === 'anonymous' ? session.userId : viewer.userId;
  const row = {
    sessionId: session.id,
    wizardId: session.wizardId,
    userId,
    type,
    details: { version: session.version, ...details },
  };
  writes.addInsert(manager, WizardSessionActivity, [row], ([written]) =>
    // Subscribers hear of it once it has committed (a rolled-back change publishes nothing).
    db.onCommit(() =>
      sessionEvents.publish({
        logId: written.id,
        sessionId: session.id,
        wizardId: session.wizardId,
        userId,
        type,
        version: session.version,
        occurredAt: written.createdAt ?? new Date(),
      }),
    ),
  );
}

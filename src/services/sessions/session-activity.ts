import type { EntityManager } from 'typeorm';
import { insertReturning } from '../../database/hydrate';
import type { RequestDatabase } from '../../database/request-database';
import { sessionEvents } from '../../events/session-events';
import { WizardSession, WizardSessionActivity } from '../../entities';
import type { ActivityType } from '../../entities/enums';

/**
 * One activity row for a session transition, written with the change in the same savepoint (a
 * failed mutation leaves none). Details never carry what the user typed.
 */
export async function recordActivity(
  manager: EntityManager,
  db: RequestDatabase,
  session: WizardSession,
  type: ActivityType,
  details: Record<string, unknown>,
): Promise<WizardSessionActivity> {
  const viewer = db.viewer;
  const userId = viewer.kind === 'anonymous' ? session.userId : viewer.userId;
  const [row] = await insertReturning(manager, WizardSessionActivity, [
    {
      sessionId: session.id,
      wizardId: session.wizardId,
      userId,
      type,
      details: { version: session.version, ...details },
    },
  ]);
  // Subscribers hear of it once it has committed (a rolled-back change publishes nothing).
  db.onCommit(() =>
    sessionEvents.publish({
      logId: row.id,
      sessionId: session.id,
      wizardId: session.wizardId,
      userId,
      type,
      version: session.version,
      occurredAt: row.createdAt ?? new Date(),
    }),
  );
  return row;
}

import type { EntityManager } from 'typeorm';
import type { Viewer } from '../../auth/viewer';
import { WizardSession, WizardSessionActivity } from '../../entities';
import type { ActivityType } from '../../entities/enums';

/**
 * One activity row for a session transition, written with the change in the same savepoint (a
 * failed mutation leaves none). Details never carry what the user typed.
 */
export async function recordActivity(
  manager: EntityManager,
  viewer: Viewer,
  session: WizardSession,
  type: ActivityType,
  details: Record<string, unknown>,
): Promise<WizardSessionActivity> {
  const userId = viewer.kind === 'anonymous' ? session.userId : viewer.userId;
  return manager.getRepository(WizardSessionActivity).save({
    sessionId: session.id,
    wizardId: session.wizardId,
    userId,
    type,
    details: { version: session.version, ...details },
  });
}

import type { EntityManager } from 'typeorm';
import type { RequestDatabase } from '../../database/request-database';
import { ActivityType } from '../../entities/enums';
import { WizardSessionReplay } from '../../entities';
import { recordActivity } from './session-activity';
import {
  applyConfig,
  configDigest,
  configOf,
  withoutData,
  type NotApplied,
  type SessionConfig,
} from './session-config';
import type { SessionSnapshot } from './session-snapshot';
import type { SessionStartService, StartSessionInput } from './session-start.service';

/** A session started from a configuration, with what could not be applied. */
export interface CopyResult {
  snapshot: SessionSnapshot;
  sessionToken: string;
  applied: number;
  notApplied: NotApplied[];
}

export interface CopyOrigin {
  templateId: number | null;
  originalSessionId: number | null;
}

/**
 * Starts a session with a configuration applied through the engine to the wizard as it is now
 * (templates, replays, clones), and records where it came from: a replay row and a
 * SESSION_REPLAYED activity. `beforeRecord` runs in the same savepoint (a clone counts its use).
 */
export async function startCopy(
  starter: SessionStartService,
  db: RequestDatabase,
  start: StartSessionInput,
  copy: { config: SessionConfig; withData: boolean; origin: CopyOrigin },
  beforeRecord?: (manager: EntityManager) => Promise<void>,
): Promise<CopyResult> {
  const { config, withData } = copy;
  const started = await starter.startPlanned(
    db,
    start,
    (model, isGuest) => {
      const outcome = applyConfig(model, config, { withData, isGuest });
      const current = configDigest(configOf(model, outcome.state, withData));
      return { state: outcome.state, result: { ...outcome, current } };
    },
    async (manager, session, outcome) => {
      if (beforeRecord) await beforeRecord(manager);
      await recordReplay(manager, db, session, { ...copy, ...outcome });
    },
  );
  return { ...started, applied: started.result.applied, notApplied: started.result.notApplied };
}

/**
 * The replay row and the SESSION_REPLAYED activity of a copy. modifications_made compares the
 * answers as applied with those asked for (typed data only when withData), so it starts true
 * when something could not be applied.
 */
async function recordReplay(
  manager: EntityManager,
  db: RequestDatabase,
  session: { id: number; wizardId: number; userId: number; version: number },
  replay: {
    origin: CopyOrigin;
    withData: boolean;
    config: SessionConfig;
    /** Digest of the new session's answers as applied. */
    current: string;
    applied: number;
    notApplied: NotApplied[];
  },
): Promise<void> {
  const baseline = configDigest(withoutData(replay.config, replay.withData));
  await manager.getRepository(WizardSessionReplay).insert({
    userId: session.userId,
    wizardId: session.wizardId,
    ...replay.origin,
    newSessionId: session.id,
    replayWithData: replay.withData,
    modificationsMade: replay.current !== baseline,
    baselineDigest: baseline,
  });
  await recordActivity(manager, db, session as never, ActivityType.SESSION_REPLAYED, {
    ...replay.origin,
    withData: replay.withData,
    stepsApplied: replay.applied,
    notApplied: replay.notApplied.length,
  });
}

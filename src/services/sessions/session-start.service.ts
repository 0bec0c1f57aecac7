import { randomUUID } from 'node:crypto';
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { hasScope } from '../../auth/viewer';
import type { RequestDatabase } from '../../database/request-database';
import { loadWizardModel } from '../../definitions/wizard-model';
import { User, Wizard, WizardSession } from '../../entities';
import { ApiScope } from '../../entities/api-scope';
import { ActivityType, UserRole } from '../../entities/enums';
import { conflict, forbidden, notFound, unauthenticated } from '../../errors/error-code';
import { startSession } from '../../runtime';
import type { WizardService } from '../wizard.service';
import { recordActivity } from './session-activity';
import { loadSnapshots, type SessionSnapshot, type SnapshotCache } from './session-snapshot';
import type { SessionDataCipher } from './session-data-cipher';
import { newSessionToken, sessionTokenHash } from './session-token';

export interface StartSessionInput {
  wizardId?: number | null;
  wizardKey?: string | null;
  /** Default: the wizard's name. */
  name?: string | null;
  description?: string | null;
  storeUserData?: boolean | null;
}

/**
 * An INSERT of exactly the given columns. TypeORM leaves a generated primary key out of an INSERT
 * even when a value is given, unless the columns are named; a guest's rows must carry the ids the
 * request already runs as (row-level security checks them).
 */
function insertWithKey<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  values: QueryDeepPartialEntity<T>,
) {
  return manager
    .createQueryBuilder()
    .insert()
    .into(entity, Object.keys(values))
    .values(values)
    .execute();
}

/** Guests hold no password: this is no PHC string, so no password ever verifies against it. */
const NO_PASSWORD = '!guest';

/** Starting sessions, for signed-in users and (on wizards that need no login) for guests. */
export class SessionStartService {
  constructor(
    private readonly wizards: WizardService,
    private readonly cipher: SessionDataCipher,
    private readonly snapshots: SnapshotCache,
    private readonly lifetimeSeconds: number,
  ) {}

  async start(
    db: RequestDatabase,
    input: StartSessionInput,
  ): Promise<{ snapshot: SessionSnapshot; sessionToken: string }> {
    const viewer = db.viewer;
    if (viewer.kind === 'guest')
      throw forbidden('A session token is the credential for its own session only');
    if (viewer.kind === 'user' && !hasScope(viewer, ApiScope.SESSIONS_WRITE))
      throw forbidden('This API key lacks the SESSIONS_WRITE scope');
    const wizard = await this.wizards.findOne(db, { id: input.wizardId, key: input.wizardKey });
    if (!wizard) throw notFound('Wizard', input.wizardId ?? input.wizardKey ?? '');
    if (!wizard.isActive) throw forbidden('This wizard is not active');
    if (viewer.kind === 'anonymous') {
      if (wizard.requireLogin) throw unauthenticated('This wizard requires signing in');
      await this.becomeGuest(db);
    }
    const sessionToken = newSessionToken();
    const snapshot = await db.transaction(async (manager) => {
      const model = (await loadWizardModel(manager, wizard.id))!;
      const state = startSession(model, { isGuest: db.viewer.kind === 'guest' });
      if (state.currentStepId === null) throw conflict('This wizard has no active steps');
      const guest = db.viewer.kind === 'guest' ? db.viewer : null;
      if (guest)
        await insertWithKey(manager, User, {
          id: guest.userId,
          email: `guest-${randomUUID()}@guest.invalid`,
          passwordHash: NO_PASSWORD,
          role: UserRole.USER,
          isGuest: true,
        });
      const now = new Date();
      const userId = db.viewer.kind === 'anonymous' ? 0 : db.viewer.userId;
      await insertWithKey(manager, WizardSession, {
        ...(guest ? { id: guest.sessionId } : {}),
        wizardId: wizard.id,
        userId,
        name: input.name ?? wizard.name,
        description: input.description ?? null,
        sessionToken: sessionTokenHash(sessionToken),
        currentStepId: state.currentStepId,
        storeUserData: input.storeUserData ?? true,
        startedAt: now,
        lastModified: now,
        stepEnteredAt: now,
        expiresAt: new Date(now.getTime() + this.lifetimeSeconds * 1000),
      });
      const session = await manager.findOneByOrFail(WizardSession, {
        sessionToken: sessionTokenHash(sessionToken),
      });
      // One statement, so concurrent starts never lose a count.
      await manager
        .createQueryBuilder()
        .update(Wizard)
        .set({ totalStarts: () => 'COALESCE(total_starts, 0) + 1' })
        .where('wizard_id = :id', { id: wizard.id })
        .execute();
      await recordActivity(manager, db.viewer, session, ActivityType.SESSION_STARTED, {
        wizardVersion: wizard.version,
        firstStepId: state.currentStepId,
        guest: guest !== null,
        storeUserData: session.storeUserData,
      });
      const [started] = await loadSnapshots(manager, [session], this.cipher);
      return started;
    });
    this.snapshots.prime(db, snapshot);
    return { snapshot, sessionToken };
  }

  /**
   * The request continues as the guest it is creating: ids come from the sequences first, so
   * the new account and session are the viewer's own when they are inserted (row-level security
   * admits exactly that, see the SessionRuntime migration).
   */
  private async becomeGuest(db: RequestDatabase): Promise<void> {
    const [ids] = await db.read<{ user_id: number; session_id: number }>({
      text: `SELECT nextval(pg_get_serial_sequence('users', 'user_id'))::int AS user_id,
        nextval(pg_get_serial_sequence('wizard_user_sessions', 'session_id'))::int AS session_id`,
    });
    await db.becomeGuest({ kind: 'guest', userId: ids.user_id, sessionId: ids.session_id });
  }
}

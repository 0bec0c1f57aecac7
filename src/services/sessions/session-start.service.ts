import { randomUUID } from 'node:crypto';
import { hasScope } from '../../auth/viewer';
import type { RequestDatabase } from '../../database/request-database';
import type { WizardModel } from '../../definitions/wizard-model';
import { currentWizardModel } from '../../definitions/wizard-model-cache';
import { hydrate } from '../../database/hydrate';
import { queryPrepared } from '../../database/prepared-statement';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { countStart, type WizardCounterFolder } from './wizard-counters';
import { WriteBatch } from '../../database/write-batch';
import type { EntityManager } from 'typeorm';
import { WizardSession, WizardStepSkip, WizardUserSelection } from '../../entities';
import { ApiScope } from '../../entities/api-scope';
import { ActivityType, UserRole } from '../../entities/enums';
import { conflict, forbidden, notFound, unauthenticated } from '../../errors/error-code';
import { price, startSession, type SessionState } from '../../runtime';
import type { WizardService } from '../wizard.service';
import { queueActivity } from './session-activity';
import { assembleSnapshot, type SessionSnapshot, type SnapshotCache } from './session-snapshot';
import type { SessionDataCipher } from './session-data-cipher';
import { newSessionToken, sessionTokenHash } from './session-token';
import { recordedSteps, selectionRows } from './stored-answers';

export interface StartSessionInput {
  wizardId?: number | null;
  wizardKey?: string | null;
  /** Default: the wizard's name. */
  name?: string | null;
  description?: string | null;
  storeUserData?: boolean | null;
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
    private readonly counters: WizardCounterFolder,
  ) {}

  async start(
    db: RequestDatabase,
    input: StartSessionInput,
  ): Promise<{ snapshot: SessionSnapshot; sessionToken: string }> {
    const { snapshot, sessionToken } = await this.startPlanned(db, input, (model, isGuest) => ({
      state: startSession(model, { isGuest }),
      result: null,
    }));
    return { snapshot, sessionToken };
  }

  /**
   * Starts a session whose answers a plan decides (a template applied, a session replayed): the
   * plan runs through the engine on the wizard as it is now; its answered steps are stored as if
   * submitted, and `after` records what the plan was (in the same savepoint).
   */
  async startPlanned<R>(
    db: RequestDatabase,
    input: StartSessionInput,
    plan: (model: WizardModel, isGuest: boolean) => { state: SessionState; result: R },
    after?: (manager: EntityManager, session: WizardSession, result: R) => Promise<void>,
  ): Promise<{ snapshot: SessionSnapshot; sessionToken: string; result: R }> {
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
    let result!: R;
    const snapshot = await db.transaction(async (manager) => {
      // The revision came with the wizard's row: a cached definition costs no statement.
      const revision = String(wizard.definitionRevision);
      const model = (await currentWizardModel(manager, wizard.id, revision))!;
      const planned = plan(model, db.viewer.kind === 'guest');
      const state = planned.state;
      result = planned.result;
      if (state.currentStepId === null) throw conflict('This wizard has no active steps');
      const guest = db.viewer.kind === 'guest' ? db.viewer : null;
      // SQL, not manager.insert: TypeORM leaves a SERIAL column's value out of an INSERT on
      // PostgreSQL, and a guest's ids were taken from the sequences already (becomeGuest).
      if (guest)
        await manager.query(
          `INSERT INTO users (user_id, email, password_hash, user_role, is_guest)
           VALUES ($1, $2, $3, $4, true)`,
          [guest.userId, `guest-${randomUUID()}@guest.invalid`, NO_PASSWORD, UserRole.USER],
        );
      const now = new Date();
      const userId = db.viewer.kind === 'anonymous' ? 0 : db.viewer.userId;
      // Prepared: planned once per connection (it is on every start's path).
      const inserted = await queryPrepared<Record<string, unknown>>(
        manager.queryRunner!,
        `INSERT INTO wizard_user_sessions (session_id, wizard_id, user_id, session_name,
           session_description, session_token, current_step_id, store_user_data, started_at,
           last_modified, step_entered_at, expires_at, total_price, recorded_step_ids)
         VALUES (COALESCE($1::int, nextval(pg_get_serial_sequence('wizard_user_sessions',
           'session_id'))), $2, $3, $4, $5, $6, $7, $8, $9, $9, $9, $10, $11, $12)
         RETURNING *`,
        [
          guest?.sessionId ?? null,
          wizard.id,
          userId,
          input.name ?? wizard.name,
          input.description ?? null,
          sessionTokenHash(sessionToken),
          state.currentStepId,
          input.storeUserData ?? true,
          now,
          new Date(now.getTime() + this.lifetimeSeconds * 1000),
          price(model, state).total,
          recordedSteps(state),
        ],
      );
      const session = hydrate(manager, WizardSession, inserted[0]);
      // What the new row needs, in one statement.
      const writes = new WriteBatch();
      const rows = this.storeAnswers(writes, manager, session, state);
      // A delta row, not an update of the wizard's row: starts never queue on one another.
      countStart(writes, session);
      db.onCommit(() => this.counters.committed(session.wizardId));
      queueActivity(writes, manager, db, session, ActivityType.SESSION_STARTED, {
        wizardVersion: wizard.version,
        firstStepId: model.steps.find((step) => step.isActive)?.id ?? null,
        guest: guest !== null,
        storeUserData: session.storeUserData,
      });
      await writes.flush(manager);
      if (after) await after(manager, session, result);
      const parts = { ...rows, isGuest: guest !== null, sharedWithData: false };
      return assembleSnapshot(session, model, parts, this.cipher);
    });
    this.snapshots.prime(db, snapshot);
    return { snapshot, sessionToken, result };
  }

  /** The answers and skips of a planned state, stored as if submitted, as stored. */
  private storeAnswers(
    writes: WriteBatch,
    manager: EntityManager,
    session: WizardSession,
    state: SessionState,
  ): { selections: WizardUserSelection[]; skips: WizardStepSkip[] } {
    let order = 1;
    const selections: QueryDeepPartialEntity<WizardUserSelection>[] = [];
    for (const [stepId, answers] of Object.entries(state.answers)) {
      const rows = selectionRows(Object.values(answers), {
        sessionId: session.id,
        stepId: Number(stepId),
        storeUserData: session.storeUserData,
        cipher: this.cipher,
        timeSpentSeconds: null,
        firstOrder: order,
      });
      order += rows.length;
      selections.push(...rows);
    }
    const skipped = Object.keys(state.skipped).map((stepId) => ({
      sessionId: session.id,
      stepId: Number(stepId),
    }));
    // Filled in once the batch has run.
    const stored = { selections: [] as WizardUserSelection[], skips: [] as WizardStepSkip[] };
    writes.addInsert(
      manager,
      WizardUserSelection,
      selections,
      (rows) => (stored.selections = rows),
    );
    writes.addInsert(manager, WizardStepSkip, skipped, (rows) => (stored.skips = rows));
    return stored;
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

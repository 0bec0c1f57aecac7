import DataLoader from 'dataloader';
import type { EntityManager } from 'typeorm';
import { ANONYMOUS, type Viewer } from '../../auth/viewer';
import type { RequestDatabase } from '../../database/request-database';
import type { WizardModel } from '../../definitions/wizard-model';
import { currentWizardModels } from '../../definitions/wizard-model-cache';
import { User, WizardSession, WizardStepSkip, WizardUserSelection } from '../../entities';
import type { SelectionType } from '../../entities/enums';
import type { SessionState } from '../../runtime';
import type { SessionDataCipher } from './session-data-cipher';
import type { StoredDraft } from './session-draft';
import { stateFromRows } from './stored-answers';

/** A session with everything the engine needs: its wizard, its answers, its draft. */
export interface SessionSnapshot {
  session: WizardSession;
  model: WizardModel;
  state: SessionState;
  selections: WizardUserSelection[];
  skips: WizardStepSkip[];
  draft: StoredDraft | null;
  isGuest: boolean;
  /** A share bound to the viewer lets them see what was typed (include_user_data). */
  sharedWithData: boolean;
}

export const setKinds = (model: WizardModel) => {
  const kinds = new Map(model.optionSets.map((set) => [set.id, set.selectionType]));
  return (setId: number): SelectionType | undefined => kinds.get(setId);
};

/** The draft of a session, opened when it is sealed. */
export function draftOf(session: WizardSession, cipher: SessionDataCipher): StoredDraft | null {
  if (session.draftEncrypted) return cipher.open<StoredDraft>(session.id, session.draftEncrypted);
  return session.draftAnswers;
}

/** What a snapshot is made of besides the session row and its wizard's model. */
export interface SnapshotParts {
  selections: WizardUserSelection[];
  skips: WizardStepSkip[];
  isGuest: boolean;
  sharedWithData: boolean;
}

/** A snapshot from parts already in hand (a write knows what it wrote; no statement needed). */
export function assembleSnapshot(
  session: WizardSession,
  model: WizardModel,
  parts: SnapshotParts,
  cipher: SessionDataCipher,
): SessionSnapshot {
  const { selections, skips, isGuest, sharedWithData } = parts;
  const state = stateFromRows(session, selections, skips, cipher, setKinds(model), isGuest);
  const draft = draftOf(session, cipher);
  return { session, model, state, selections, skips, draft, isGuest, sharedWithData };
}

/** The selections and skips of some sessions: two statements, whatever their number. */
async function loadAnswerRows(
  manager: EntityManager,
  sessionIds: readonly number[],
): Promise<{ selections: WizardUserSelection[]; skips: WizardStepSkip[] }> {
  const ids = [...sessionIds];
  const selections = await manager
    .createQueryBuilder(WizardUserSelection, 'x')
    .where('x.session_id = ANY(:ids)', { ids })
    .orderBy('x.selection_order', 'ASC')
    .addOrderBy('x.selection_id', 'ASC')
    .getMany();
  const skips = await manager
    .createQueryBuilder(WizardStepSkip, 'k')
    .where('k.session_id = ANY(:ids)', { ids })
    .orderBy('k.skip_id', 'ASC')
    .getMany();
  return { selections, skips };
}

/**
 * Snapshots of many sessions in a constant number of statements: selections, skips, owners'
 * guest flags, the wizards' revisions (the definitions themselves come from the cache, or seven
 * more statements), however many sessions and wizards there are.
 */
export async function loadSnapshots(
  manager: EntityManager,
  sessions: readonly WizardSession[],
  cipher: SessionDataCipher,
  viewer: Viewer,
): Promise<SessionSnapshot[]> {
  const { selections, skips } = await loadAnswerRows(
    manager,
    sessions.map((session) => session.id),
  );
  // Only the owner and authors see the owner's account; to anyone else the owner is no guest.
  const userIds = [...new Set(sessions.map((session) => session.userId))];
  const guests = await manager
    .createQueryBuilder(User, 'u')
    .select(['u.id', 'u.isGuest'])
    .where('u.user_id = ANY(:userIds)', { userIds })
    .andWhere('u.is_guest IS TRUE')
    .getMany();
  const guestIds = new Set(guests.map((user) => user.id));
  const withData = await sharedWithData(manager, sessions, viewer);
  const models = await currentWizardModels(
    manager,
    sessions.map((session) => session.wizardId),
  );
  return sessions.map((session) =>
    assembleSnapshot(
      session,
      models.get(session.wizardId)!,
      {
        selections: selections.filter((row) => row.sessionId === session.id),
        skips: skips.filter((row) => row.sessionId === session.id),
        isGuest: guestIds.has(session.userId),
        sharedWithData: withData.has(session.id),
      },
      cipher,
    ),
  );
}

/**
 * Sessions of others that a live share bound to the viewer opens with their typed data. Asked only
 * when the viewer reads someone else's session (owners see their own data anyway).
 */
export async function sharedWithData(
  manager: EntityManager,
  sessions: readonly WizardSession[],
  viewer: Viewer,
): Promise<Set<number>> {
  if (viewer.kind !== 'user') return new Set();
  const others = sessions.filter((session) => session.userId !== viewer.userId).map((s) => s.id);
  if (!others.length) return new Set();
  const rows = await manager.query<{ session_id: number }[]>(
    `SELECT DISTINCT session_id FROM wizard_session_shares
      WHERE session_id = ANY($1) AND shared_with_user_id = $2 AND is_active IS TRUE
        AND include_user_data IS TRUE AND (expires_at IS NULL OR expires_at > now())`,
    [others, viewer.userId],
  );
  return new Set(rows.map((row) => row.session_id));
}

/**
 * Per request: snapshots load in one batch per tick, keyed by id and version (a mutation's
 * payload primes the fresh one).
 */
export class SnapshotCache {
  private readonly byRequest = new WeakMap<
    RequestDatabase,
    DataLoader<WizardSession, SessionSnapshot, string>
  >();

  constructor(private readonly cipher: SessionDataCipher) {}

  private loader(db: RequestDatabase) {
    let loader = this.byRequest.get(db);
    if (!loader) {
      loader = new DataLoader(
        async (sessions) => loadSnapshots(await db.manager(), sessions, this.cipher, db.viewer),
        {
          cacheKeyFn: (session) => `${session.id}:${session.version}`,
        },
      );
      this.byRequest.set(db, loader);
    }
    return loader;
  }

  load(db: RequestDatabase, session: WizardSession): Promise<SessionSnapshot> {
    return this.loader(db).load(session);
  }

  prime(db: RequestDatabase, snapshot: SessionSnapshot): void {
    this.loader(db).prime(snapshot.session, snapshot);
  }
}

/**
 * A live session read as system work, for copying it once a share's clone permission has been
 * checked: clone-only shares do not let their holder read the session itself. On the request's
 * own connection.
 */
export async function snapshotForCopy(
  db: RequestDatabase,
  sessionId: number,
  cipher: SessionDataCipher,
): Promise<SessionSnapshot | null> {
  return db.asSystem(async (manager) => {
    const session = await manager
      .getRepository(WizardSession)
      .createQueryBuilder('s')
      .where('s.session_id = :sessionId AND s.deleted_at IS NULL', { sessionId })
      .getOne();
    if (!session) return null;
    const [snapshot] = await loadSnapshots(manager, [session], cipher, ANONYMOUS);
    return snapshot;
  });
}

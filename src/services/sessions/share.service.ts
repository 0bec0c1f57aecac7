import { GraphQLError } from 'graphql';
import type { EntityManager } from 'typeorm';
import { requireUser } from '../../auth/guards';
import { hasScope } from '../../auth/viewer';
import type { RequestDatabase, ShareGrant } from '../../database/request-database';
import { asSystemWithin } from '../../database/system-context';
import { WizardSession, WizardSessionShare } from '../../entities';
import { ApiScope } from '../../entities/api-scope';
import { ActivityType } from '../../entities/enums';
import { badUserInput, ErrorCode, forbidden, notFound } from '../../errors/error-code';
import type { Connection } from '../../graphql/connection';
import { keysetConnection, type PageLimits, type PageRequest } from '../pagination';
import { recordActivity } from './session-activity';
import { requireOwner, visibleSession } from './session-access';
import { configOf } from './session-config';
import { snapshotForCopy } from './session-snapshot';
import type { SessionDataCipher } from './session-data-cipher';
import type { SessionStartService } from './session-start.service';
import {
  looksLikeShareToken,
  MAX_SHARE_TOKEN_LENGTH,
  newShareToken,
  shareTokenHash,
} from './share-token';
import { startCopy, type CopyResult } from './session-copy';

export interface ShareInput {
  sessionId: number;
  sharedWithUserId?: number | null;
  canView?: boolean | null;
  canClone?: boolean | null;
  canEdit?: boolean | null;
  includeUserData?: boolean | null;
  expiresAt?: Date | null;
  maxUses?: number | null;
}

/** Why a share token opens nothing now; sent as extensions.reason with FORBIDDEN. */
export type ShareRefusal = 'REVOKED' | 'EXPIRED' | 'USED_UP' | 'NOT_FOR_YOU' | 'NOT_PERMITTED';

const refused = (message: string, reason: ShareRefusal) =>
  new GraphQLError(message, { extensions: { code: ErrorCode.FORBIDDEN, reason } });

const CURSOR = 'share';

interface ShareRow {
  share_id: number;
  session_id: number;
  shared_with_user_id: number | null;
  can_view: boolean | null;
  can_clone: boolean | null;
  can_edit: boolean | null;
  include_user_data: boolean | null;
  is_active: boolean | null;
  expires_at: Date | null;
  max_uses: number | null;
  use_count: number | null;
}

/** Sharing sessions by link, with exact permissions, and using what was shared. */
export class ShareService {
  constructor(
    private readonly cipher: SessionDataCipher,
    private readonly starter: SessionStartService,
    private readonly limits: PageLimits,
  ) {}

  /** Shares the owner's session; the token is returned once (only its hash is kept). */
  async share(
    db: RequestDatabase,
    input: ShareInput,
  ): Promise<{ share: WizardSessionShare; shareToken: string }> {
    const viewer = requireUser(db.viewer);
    if (!hasScope(viewer, ApiScope.SESSIONS_WRITE))
      throw forbidden('This API key lacks the SESSIONS_WRITE scope');
    const session = await visibleSession(db, input.sessionId);
    requireOwner(viewer, session, 'shares it');
    const canView = input.canView ?? true;
    const canClone = input.canClone ?? true;
    const canEdit = input.canEdit ?? false;
    if (!canView && !canClone && !canEdit)
      throw badUserInput('A share must allow something', [
        { field: 'canView', message: 'give at least one of canView, canClone, canEdit' },
      ]);
    if (input.expiresAt && input.expiresAt.getTime() <= Date.now())
      throw badUserInput('expiresAt must be in the future', [
        { field: 'expiresAt', message: 'must be in the future' },
      ]);
    if (input.includeUserData && !session.storeUserData)
      throw badUserInput('This session keeps its user data sealed; it cannot be shared', [
        { field: 'includeUserData', message: 'the session does not store user data' },
      ]);
    if (input.sharedWithUserId === viewer.userId)
      throw badUserInput('A session is not shared with its owner', [
        { field: 'sharedWithUserId', message: 'is the owner' },
      ]);
    const shareToken = newShareToken();
    const share = await db.transaction(async (manager) => {
      const saved = await manager.getRepository(WizardSessionShare).save({
        sessionId: session.id,
        wizardId: session.wizardId,
        sharedByUserId: viewer.userId,
        sharedWithUserId: input.sharedWithUserId ?? null,
        shareToken: shareTokenHash(shareToken),
        canView,
        canClone,
        canEdit,
        includeUserData: input.includeUserData ?? false,
        expiresAt: input.expiresAt ?? null,
        maxUses: input.maxUses ?? null,
      });
      await recordActivity(manager, db, session, ActivityType.SESSION_SHARED, {
        shareId: saved.id,
        boundToUser: saved.sharedWithUserId !== null,
        canView,
        canClone,
        canEdit,
        includeUserData: saved.includeUserData,
        maxUses: saved.maxUses,
      });
      return manager.findOneByOrFail(WizardSessionShare, { id: saved.id });
    });
    return { share, shareToken };
  }

  /** The shares the viewer made, newest first. */
  async mine(
    db: RequestDatabase,
    sessionId: number | null,
    page: PageRequest,
  ): Promise<Connection<WizardSessionShare>> {
    const viewer = requireUser(db.viewer);
    if (!hasScope(viewer, ApiScope.SESSIONS_READ))
      throw forbidden('This API key lacks the SESSIONS_READ scope');
    const query = (await db.manager())
      .getRepository(WizardSessionShare)
      .createQueryBuilder('sh')
      .where('sh.shared_by_user_id = :me', { me: viewer.userId });
    if (sessionId != null) query.andWhere('sh.session_id = :sessionId', { sessionId });
    return keysetConnection(
      query,
      { cursor: CURSOR, key: 'sh.share_id', order: 'DESC' },
      page,
      this.limits,
    );
  }

  /** Ends a share for good (the sharer only). */
  async revoke(db: RequestDatabase, shareId: number): Promise<WizardSessionShare> {
    const viewer = requireUser(db.viewer);
    if (!hasScope(viewer, ApiScope.SESSIONS_WRITE))
      throw forbidden('This API key lacks the SESSIONS_WRITE scope');
    return db.transaction(async (manager) => {
      const share = await manager.findOneBy(WizardSessionShare, { id: shareId });
      if (!share || share.sharedByUserId !== viewer.userId)
        throw notFound('WizardSessionShare', shareId);
      await manager.update(WizardSessionShare, { id: share.id }, { isActive: false });
      return manager.findOneByOrFail(WizardSessionShare, { id: share.id });
    });
  }

  /** The shared session, to a holder of a valid token with can_view; counts a use. */
  async open(db: RequestDatabase, token: string): Promise<WizardSession> {
    const grant = await this.use(db, token);
    return visibleSession(db, grant.sessionId);
  }

  /**
   * The holder's own copy of a shared session (can_clone). A clone-only share does not show the
   * session, so the original is read as system work once the grant is checked; the use is counted
   * with the copy (a copy that fails uses nothing; out of uses, the copy is undone).
   */
  async clone(db: RequestDatabase, token: string, name?: string | null): Promise<CopyResult> {
    const viewer = requireUser(db.viewer);
    if (!hasScope(viewer, ApiScope.SESSIONS_WRITE))
      throw forbidden('This API key lacks the SESSIONS_WRITE scope');
    const row = await this.find(db, token);
    this.check(db, row, 'clone');
    const source = await snapshotForCopy(db, row.session_id, this.cipher);
    if (!source) throw notFound('WizardSessionShare', 'with that token');
    const original = source.session;
    const withData = row.include_user_data === true && original.storeUserData;
    const config = configOf(source.model, source.state, true);
    return startCopy(
      this.starter,
      db,
      { wizardId: original.wizardId, name: name ?? `Copy of ${original.name}` },
      { config, withData, origin: { templateId: null, originalSessionId: original.id } },
      (manager) => asSystemWithin(manager, (system) => this.countUse(system, row.share_id)),
    );
  }

  /**
   * Validates a token for viewing and counts the use; then presents the share to the request
   * (row-level security admits its session).
   */
  private async use(db: RequestDatabase, token: string): Promise<ShareGrant> {
    if (db.viewer.kind === 'user' && !hasScope(db.viewer, ApiScope.SESSIONS_READ))
      throw forbidden('This API key lacks the SESSIONS_READ scope');
    const row = await this.find(db, token);
    this.check(db, row, 'view');
    await db.asSystem((manager) => this.countUse(manager, row.share_id));
    const grant = grantOf(row);
    await db.presentShare(grant);
    return grant;
  }

  /**
   * Counts one use, in one statement so that concurrent uses never pass max_uses. System work
   * (only the sharer may change the row), on the request's connection: it commits with the use.
   */
  private async countUse(manager: EntityManager, shareId: number): Promise<void> {
    const result = await manager.query<unknown[]>(
      `UPDATE wizard_session_shares SET use_count = COALESCE(use_count, 0) + 1
        WHERE share_id = $1 AND is_active IS TRUE
          AND (expires_at IS NULL OR expires_at > now())
          AND (max_uses IS NULL OR COALESCE(use_count, 0) < max_uses)
      RETURNING share_id`,
      [shareId],
    );
    // TypeORM answers an UPDATE … RETURNING with [rows, count].
    const rows = (Array.isArray(result[0]) ? result[0] : result) as unknown[];
    if (!rows.length) throw refused('This share has been used as often as it allows', 'USED_UP');
  }

  /** A share by its token (system work: nobody is known to it yet); NOT_FOUND when none. */
  async find(db: RequestDatabase, token: string): Promise<ShareRow> {
    if (token.length > MAX_SHARE_TOKEN_LENGTH || !looksLikeShareToken(token))
      throw notFound('WizardSessionShare', 'with that token');
    const rows = await db.asSystem((manager) =>
      manager.query<ShareRow[]>(
        `SELECT sh.* FROM wizard_session_shares sh
           JOIN wizard_user_sessions s ON s.session_id = sh.session_id
          WHERE sh.share_token = $1 AND s.deleted_at IS NULL`,
        [shareTokenHash(token)],
      ),
    );
    if (!rows[0]) throw notFound('WizardSessionShare', 'with that token');
    return rows[0];
  }

  /** Whether the share grants this use to this viewer now (the count is checked when used). */
  check(db: RequestDatabase, row: ShareRow, want: 'view' | 'clone' | 'edit'): void {
    if (row.is_active !== true) throw refused('This share has been revoked', 'REVOKED');
    if (row.expires_at && row.expires_at.getTime() <= Date.now())
      throw refused('This share has expired', 'EXPIRED');
    if (row.max_uses !== null && (row.use_count ?? 0) >= row.max_uses && want !== 'edit')
      throw refused('This share has been used as often as it allows', 'USED_UP');
    const viewer = db.viewer;
    if (row.shared_with_user_id !== null) {
      if (viewer.kind !== 'user')
        throw refused('Sign in as the user this was shared with', 'NOT_FOR_YOU');
      if (viewer.userId !== row.shared_with_user_id)
        throw refused('This share is for another user', 'NOT_FOR_YOU');
    }
    const allowed =
      want === 'view' ? row.can_view : want === 'clone' ? row.can_clone : row.can_edit;
    if (allowed !== true) throw refused(`This share does not allow to ${want}`, 'NOT_PERMITTED');
  }

  /** An edit token (X-Share-Token) for a request's mutations: checked, not counted. */
  async presentForEdit(db: RequestDatabase, token: string): Promise<void> {
    const row = await this.find(db, token);
    this.check(db, row, 'edit');
    await db.presentShare(grantOf(row));
  }
}

const grantOf = (row: ShareRow): ShareGrant => ({
  shareId: row.share_id,
  sessionId: row.session_id,
  canEdit: row.can_edit === true,
  includeUserData: row.include_user_data === true,
});

import type { DataSource, EntityManager } from 'typeorm';
import { requireUser } from '../../auth/guards';
import { hasScope, isAuthor } from '../../auth/viewer';
import type { RequestDatabase } from '../../database/request-database';
import { asSystem } from '../../database/system-context';
import { WizardSessionReplay, WizardSessionTemplate } from '../../entities';
import { ApiScope } from '../../entities/api-scope';
import { ActivityType } from '../../entities/enums';
import { badUserInput, forbidden, notFound } from '../../errors/error-code';
import type { Connection } from '../../graphql/connection';
import { keysetConnection, type PageLimits, type PageRequest } from '../pagination';
import { recordActivity } from './session-activity';
import { requireOwner, visibleSession } from './session-access';
import { configOf, configSummary, type SessionConfig } from './session-config';
import type { SnapshotCache } from './session-snapshot';
import type { SessionStartService } from './session-start.service';
import { startCopy, type CopyResult } from './session-copy';

export interface SaveTemplateInput {
  sessionId: number;
  name: string;
  description?: string | null;
  isPublic?: boolean | null;
  isOfficial?: boolean | null;
  tags?: string[] | null;
  includeUserData?: boolean | null;
}

export interface TemplateFilter {
  wizardId?: number | null;
  mine?: boolean | null;
  public?: boolean | null;
  official?: boolean | null;
  tag?: string | null;
}

const CURSOR = 'template';

/** Saving sessions as templates, finding them, and starting sessions from them. */
export class TemplateService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly snapshots: SnapshotCache,
    private readonly starter: SessionStartService,
    private readonly limits: PageLimits,
  ) {}

  async save(db: RequestDatabase, input: SaveTemplateInput): Promise<WizardSessionTemplate> {
    const viewer = requireUser(db.viewer);
    if (!hasScope(viewer, ApiScope.SESSIONS_WRITE))
      throw forbidden('This API key lacks the SESSIONS_WRITE scope');
    const session = await visibleSession(db, input.sessionId);
    requireOwner(viewer, session, 'saves it as a template');
    const { model, state } = await this.snapshots.load(db, session);
    if (!model.wizard.allowTemplates) throw forbidden('This wizard does not allow templates');
    if (input.isOfficial && !isAuthor(viewer))
      throw forbidden('Only authors (ADMIN) mark a template official');
    // What the user typed goes into a template only when asked, and never from a session that
    // keeps it sealed (templates are stored in the clear and may be public).
    if (input.includeUserData && !session.storeUserData)
      throw badUserInput('This session does not store user data, so none can go into a template', [
        { field: 'includeUserData', message: 'the session does not store user data' },
      ]);
    const config = configOf(model, state, input.includeUserData === true);
    return db.transaction(async (manager) => {
      const saved = await manager.getRepository(WizardSessionTemplate).save({
        wizardId: session.wizardId,
        originalSessionId: session.id,
        userId: viewer.userId,
        name: input.name,
        description: input.description ?? null,
        config: config as unknown as Record<string, unknown>,
        summary: configSummary(model, state),
        isPublic: input.isPublic ?? false,
        isOfficial: input.isOfficial ?? false,
        tags: input.tags ?? [],
      });
      await recordActivity(manager, db, session, ActivityType.SESSION_SAVED_AS_TEMPLATE, {
        templateId: saved.id,
        includeUserData: input.includeUserData === true,
        isPublic: saved.isPublic,
      });
      return manager.findOneByOrFail(WizardSessionTemplate, { id: saved.id });
    });
  }

  /** Templates the viewer may see (own, public; authors all), newest first. */
  async list(
    db: RequestDatabase,
    filter: TemplateFilter,
    page: PageRequest,
  ): Promise<Connection<WizardSessionTemplate>> {
    const viewer = requireUser(db.viewer);
    if (!hasScope(viewer, ApiScope.SESSIONS_READ))
      throw forbidden('This API key lacks the SESSIONS_READ scope');
    const query = (await db.manager()).getRepository(WizardSessionTemplate).createQueryBuilder('t');
    // Row-level security shows authors every template; the list shows what users may use.
    query.where('(t.user_id = :me OR t.is_public IS TRUE)', { me: viewer.userId });
    if (filter.wizardId != null) query.andWhere('t.wizard_id = :wizardId', filter);
    if (filter.mine != null)
      query.andWhere('(t.user_id = :me) = :mine', { me: viewer.userId, mine: filter.mine });
    if (filter.public != null) query.andWhere('(t.is_public IS TRUE) = :public', filter);
    if (filter.official != null) query.andWhere('(t.is_official IS TRUE) = :official', filter);
    if (filter.tag != null)
      query.andWhere('t.tags @> :tag::jsonb', { tag: JSON.stringify([filter.tag]) });
    return keysetConnection(
      query,
      { cursor: CURSOR, key: 't.template_id', order: 'DESC' },
      page,
      this.limits,
    );
  }

  /** A template the viewer may use: their own or a public one. */
  async usable(db: RequestDatabase, id: number): Promise<WizardSessionTemplate> {
    const viewer = requireUser(db.viewer);
    const template = await (
      await db.manager()
    )
      .getRepository(WizardSessionTemplate)
      .createQueryBuilder('t')
      .where('t.template_id = :id AND (t.user_id = :me OR t.is_public IS TRUE)', {
        id,
        me: viewer.userId,
      })
      .getOne();
    if (!template) throw notFound('WizardSessionTemplate', id);
    return template;
  }

  /** Changes the owner's template (an author may change any, and only authors mark official). */
  async update(
    db: RequestDatabase,
    id: number,
    changes: Partial<
      Pick<SaveTemplateInput, 'name' | 'description' | 'isPublic' | 'isOfficial' | 'tags'>
    >,
  ): Promise<WizardSessionTemplate> {
    const viewer = requireUser(db.viewer);
    if (!hasScope(viewer, ApiScope.SESSIONS_WRITE))
      throw forbidden('This API key lacks the SESSIONS_WRITE scope');
    if (changes.isOfficial != null && !isAuthor(viewer))
      throw forbidden('Only authors (ADMIN) mark a template official');
    return db.transaction(async (manager) => {
      const template = await this.editable(manager, viewer.userId, isAuthor(viewer), id);
      const set = Object.fromEntries(
        Object.entries(changes).filter(([, value]) => value !== undefined),
      );
      if (Object.keys(set).length)
        await manager.update(WizardSessionTemplate, { id: template.id }, set);
      return manager.findOneByOrFail(WizardSessionTemplate, { id: template.id });
    });
  }

  async delete(db: RequestDatabase, id: number): Promise<number> {
    const viewer = requireUser(db.viewer);
    if (!hasScope(viewer, ApiScope.SESSIONS_WRITE))
      throw forbidden('This API key lacks the SESSIONS_WRITE scope');
    const template = await this.editable(await db.manager(), viewer.userId, isAuthor(viewer), id);
    // Replays keep their history and only lose the link. Other users' replays are theirs to
    // change, so the link goes as system work, once the viewer is known to own the template.
    await db.asSystem((manager) =>
      manager.update(WizardSessionReplay, { templateId: template.id }, { templateId: null }),
    );
    return db.transaction(async (manager) => {
      await manager.delete(WizardSessionTemplate, { id: template.id });
      return template.id;
    });
  }

  private async editable(manager: EntityManager, userId: number, author: boolean, id: number) {
    const template = await manager.findOneBy(WizardSessionTemplate, { id });
    if (!template || (!author && template.userId !== userId && !template.isPublic))
      throw notFound('WizardSessionTemplate', id);
    if (!author && template.userId !== userId)
      throw forbidden('Only its owner (or an author) changes a template');
    return template;
  }

  /**
   * A new session from a template: its answers applied through the engine to the wizard as it
   * is now, what no longer fits reported; the template's use is counted once the start commits.
   */
  async startFrom(
    db: RequestDatabase,
    input: { templateId: number; withData: boolean; name?: string | null },
  ): Promise<CopyResult> {
    const template = await this.usable(db, input.templateId);
    const config = template.config as unknown as SessionConfig;
    const copy = await startCopy(
      this.starter,
      db,
      { wizardId: template.wizardId, name: input.name ?? template.name },
      {
        config,
        withData: input.withData,
        origin: { templateId: template.id, originalSessionId: template.originalSessionId },
      },
    );
    // Anyone may use a public template, but only its owner may change the row: count as system.
    db.onCommit(() =>
      asSystem(this.dataSource, (manager) =>
        manager.query(
          `UPDATE wizard_session_templates SET use_count = COALESCE(use_count, 0) + 1,
             last_used_at = now() WHERE template_id = $1`,
          [template.id],
        ),
      ),
    );
    return copy;
  }
}

import type { DataSource, SelectQueryBuilder } from 'typeorm';
import type { RequestDatabase } from '../database/request-database';
import { hasScope, isAuthor, type Viewer } from '../auth/viewer';
import { ApiScope } from '../entities/api-scope';
import { Wizard } from '../entities';
import { badUserInput } from '../errors/error-code';
import type { Connection } from '../graphql/connection';
import { preparedJsonRead } from '../loaders/read-query';
import { entitySelect } from '../loaders/row-select';
import { keysetConnection, type PageLimits, type PageRequest } from './pagination';

export interface WizardFilter {
  category?: string | null;
  featured?: boolean | null;
  active?: boolean | null;
  public?: boolean | null;
  search?: string | null;
}

const CURSOR_KIND = 'wizard';
/** wizards.wizard_key is VARCHAR(100). */
const KEY_MAX_LENGTH = 100;

/** What non-authors may see: wizards offered to users (active, public and published). */
const OFFERED = 'w.is_active IS TRUE AND w.is_public IS TRUE AND w.published_at IS NOT NULL';

/**
 * One wizard by a unique column, if the viewer may see it ($2: sees everything), as a named
 * prepared statement: the single-wizard read is the root of every tree query, and the query
 * builder cost more CPU than the statement.
 */
function wizardWhere(dataSource: DataSource, column: 'wizard_id' | 'wizard_key') {
  const name = `wizard_visible_by_${column}`;
  const param = column === 'wizard_id' ? '$1::int' : '$1::varchar';
  const read = preparedJsonRead<Wizard>(
    name,
    entitySelect(dataSource, Wizard, 'w'),
    `FROM wizards w WHERE w.${column} = ${param} AND ($2::boolean OR (${OFFERED}))`,
    'x."id"',
  );
  return async (db: RequestDatabase, value: number | string, seesAll: boolean) =>
    (await read(db, [value, seesAll]))[0] ?? null;
}

/** `ILIKE` treats % and _ as wildcards; a search for "50%" means the text "50%". */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Reading wizard definitions; what a viewer may see is decided here and nowhere else. */
export class WizardService {
  private readonly byId: ReturnType<typeof wizardWhere>;
  private readonly byKey: ReturnType<typeof wizardWhere>;

  /** The DataSource only describes the tables (statements are built once); rows come via `db`. */
  constructor(
    dataSource: DataSource,
    private readonly limits: PageLimits,
  ) {
    this.byId = wizardWhere(dataSource, 'wizard_id');
    this.byKey = wizardWhere(dataSource, 'wizard_key');
  }

  /**
   * Non-authors see only wizards that are offered to users: active, public and published.
   * Authors see everything (through an API key, only with wizards:read); filters narrow that.
   */
  private seesAll(viewer: Viewer): boolean {
    return isAuthor(viewer) && hasScope(viewer, ApiScope.WIZARDS_READ);
  }

  private async visibleTo(db: RequestDatabase): Promise<SelectQueryBuilder<Wizard>> {
    const query = (await db.manager()).getRepository(Wizard).createQueryBuilder('w');
    if (!this.seesAll(db.viewer)) query.andWhere(OFFERED);
    return query;
  }

  async list(
    db: RequestDatabase,
    filter: WizardFilter,
    page: PageRequest,
  ): Promise<Connection<Wizard>> {
    const query = await this.visibleTo(db);
    if (filter.category != null)
      query.andWhere('w.wizard_category = :category', { category: filter.category });
    if (filter.featured != null)
      query.andWhere('(w.is_featured IS TRUE) = :featured', { featured: filter.featured });
    if (filter.active != null)
      query.andWhere('(w.is_active IS TRUE) = :active', { active: filter.active });
    if (filter.public != null)
      query.andWhere('(w.is_public IS TRUE) = :public', { public: filter.public });
    if (filter.search)
      query.andWhere('w.wizard_name ILIKE :search', { search: likePattern(filter.search) });
    return keysetConnection(
      query,
      { cursor: CURSOR_KIND, key: 'w.wizard_id', order: 'ASC' },
      page,
      this.limits,
    );
  }

  /** One wizard by id or key (exactly one of them); null when absent or not visible. */
  async findOne(
    db: RequestDatabase,
    by: { id?: number | null; key?: string | null },
  ): Promise<Wizard | null> {
    if ((by.id == null) === (by.key == null)) {
      throw badUserInput('Give exactly one of id and key', [
        { field: 'id', message: 'give id or key, not both' },
      ]);
    }
    if (by.key != null && by.key.length > KEY_MAX_LENGTH) {
      throw badUserInput(`key is at most ${KEY_MAX_LENGTH} characters`, [
        { field: 'key', message: `at most ${KEY_MAX_LENGTH} characters` },
      ]);
    }
    const seesAll = this.seesAll(db.viewer);
    return by.id != null ? this.byId(db, by.id, seesAll) : this.byKey(db, by.key!, seesAll);
  }
}

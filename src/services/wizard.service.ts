import type { SelectQueryBuilder } from 'typeorm';
import type { RequestDatabase } from '../database/request-database';
import { hasScope, isAuthor, type Viewer } from '../auth/viewer';
import { ApiScope } from '../entities/api-scope';
import { Wizard } from '../entities';
import { badUserInput } from '../errors/error-code';
import type { Connection } from '../graphql/connection';
import {
  decodeCursor,
  pageSize,
  toConnection,
  type PageLimits,
  type PageRequest,
} from './pagination';

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

/** `ILIKE` treats % and _ as wildcards; a search for "50%" means the text "50%". */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Reading wizard definitions; what a viewer may see is decided here and nowhere else. */
export class WizardService {
  constructor(private readonly limits: PageLimits) {}

  /**
   * Non-authors see only wizards that are offered to users: active, public and published.
   * Authors see everything (through an API key, only with wizards:read); filters narrow that.
   */
  private async visibleTo(db: RequestDatabase): Promise<SelectQueryBuilder<Wizard>> {
    const viewer: Viewer = db.viewer;
    const query = (await db.manager()).getRepository(Wizard).createQueryBuilder('w');
    if (!(isAuthor(viewer) && hasScope(viewer, ApiScope.WIZARDS_READ))) {
      query
        .andWhere('w.is_active IS TRUE')
        .andWhere('w.is_public IS TRUE')
        .andWhere('w.published_at IS NOT NULL');
    }
    return query;
  }

  async list(
    db: RequestDatabase,
    filter: WizardFilter,
    page: PageRequest,
  ): Promise<Connection<Wizard>> {
    const size = pageSize(page, this.limits);
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
    if (page.after != null)
      query.andWhere('w.wizard_id > :afterId', { afterId: decodeCursor(CURSOR_KIND, page.after) });
    const rows = await query
      .orderBy('w.wizard_id', 'ASC')
      .limit(size + 1)
      .getMany();
    return toConnection(CURSOR_KIND, rows, size, page.after != null);
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
    const query = await this.visibleTo(db);
    if (by.id != null) query.andWhere('w.wizard_id = :id', { id: by.id });
    else query.andWhere('w.wizard_key = :key', { key: by.key });
    return query.getOne();
  }
}

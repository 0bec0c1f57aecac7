import type { EntityManager } from 'typeorm';
import { requireAuthor } from '../../auth/guards';
import type { UserViewer } from '../../auth/viewer';
import type { RequestDatabase } from '../../database/request-database';
import { conflict } from '../../errors/error-code';
import { QueryFailedError } from 'typeorm';
import { sqlState, UNIQUE_VIOLATION } from '../../errors/postgres-error';

/** Which input field each unique constraint guards, so a duplicate names the field. */
const UNIQUE_FIELDS: Record<string, { field: string; what: string }> = {
  wizards_wizard_key_key: { field: 'key', what: 'A wizard with this key already exists' },
  unique_step_key: { field: 'key', what: 'This wizard already has a step with this key' },
  unique_set_key: { field: 'key', what: 'This step already has an option set with this key' },
  unique_option_key: { field: 'key', what: 'This option set already has an option with this key' },
};

function constraintOf(error: unknown): string | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  return (error.driverError as { constraint?: string } | undefined)?.constraint;
}

export interface AuthoringScope {
  manager: EntityManager;
  author: UserViewer;
  requestId: string | null;
}

/**
 * One authoring change: the viewer must be an author, and the work runs in its own savepoint, so a
 * refused or failed change leaves nothing behind (its audit rows included). A duplicate key
 * becomes CONFLICT naming the field.
 */
export async function authoringChange<T>(
  db: RequestDatabase,
  work: (scope: AuthoringScope) => Promise<T>,
): Promise<T> {
  const author = requireAuthor(db.viewer);
  try {
    return await db.transaction((manager) => work({ manager, author, requestId: db.requestId }));
  } catch (error) {
    const known =
      sqlState(error) === UNIQUE_VIOLATION ? UNIQUE_FIELDS[constraintOf(error) ?? ''] : undefined;
    if (known) throw conflict(known.what, known.field);
    throw error;
  }
}

import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

/**
 * An entity from a raw row keyed by column names (e.g. `UPDATE … RETURNING *`), converted the
 * way TypeORM converts what it selects itself (types, transformers), so a write can hand back the
 * row it wrote without reading it again.
 */
export function hydrate<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  row: Record<string, unknown>,
): T {
  const metadata = manager.connection.getMetadata(target);
  const entity = metadata.create() as T;
  const driver = manager.connection.driver;
  for (const column of metadata.columns) {
    const value = row[column.databaseName];
    if (value !== undefined)
      column.setEntityValue(entity, driver.prepareHydratedValue(value, column));
  }
  return entity;
}

/** Inserts rows and returns them whole (ids and defaults as the database set them). */
export async function insertReturning<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  rows: QueryDeepPartialEntity<T>[],
): Promise<T[]> {
  if (!rows.length) return [];
  const result = await manager
    .createQueryBuilder()
    .insert()
    .into(target)
    .values(rows)
    .returning('*')
    .execute();
  return (result.raw as Record<string, unknown>[]).map((row) => hydrate(manager, target, row));
}

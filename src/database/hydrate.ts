import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { EntityMetadata } from 'typeorm/metadata/EntityMetadata';

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
  return assignColumns(manager, metadata, metadata.create() as T, row);
}

/**
 * A copy of `entity` with the columns `row` holds (an UPDATE's RETURNING of what it set) replaced,
 * converted as hydrate() converts them; `entity` itself is left as it was.
 */
export function hydrateOnto<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  entity: T,
  row: Record<string, unknown>,
): T {
  const metadata = manager.connection.getMetadata(target);
  return assignColumns(manager, metadata, Object.assign(metadata.create() as T, entity), row);
}

function assignColumns<T extends ObjectLiteral>(
  manager: EntityManager,
  metadata: EntityMetadata,
  entity: T,
  row: Record<string, unknown>,
): T {
  const driver = manager.connection.driver;
  for (const column of metadata.columns) {
    const value = row[column.databaseName];
    if (value !== undefined)
      column.setEntityValue(entity, driver.prepareHydratedValue(value, column));
  }
  return entity;
}

import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

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

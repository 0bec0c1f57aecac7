import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { isNullAsDefault } from '../entities/column-helpers';

function sqlLiteral(value: string | number | boolean): string {
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') return String(value);
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * The SELECT list that reads an entity's table straight into plain objects shaped like the entity:
 * each column aliased to its property, and nullAsDefault columns wrapped in COALESCE. The read path
 * then needs no per-row mapping in JavaScript, which is most of what an ORM find costs.
 * Built from the TypeORM metadata, so it follows the entity classes.
 */
export function entitySelectList(
  dataSource: DataSource,
  entity: EntityTarget<ObjectLiteral>,
  alias: string,
  properties?: ReadonlySet<string>,
): string {
  return dataSource
    .getMetadata(entity)
    .columns.filter((column) => !properties || properties.has(column.propertyName))
    .map((column) => {
      const ref = `${alias}.${column.databaseName}`;
      const transformer = column.transformer;
      const value = isNullAsDefault(transformer)
        ? `COALESCE(${ref}, ${sqlLiteral(transformer.fallback)})`
        : ref;
      // DECIMAL travels as text, so that JSON keeps "149.00" exact instead of a float.
      const typed = column.type === 'decimal' ? `(${value})::text` : value;
      return `${typed} AS "${column.propertyName}"`;
    })
    .join(', ');
}

/** Properties of an entity stored as timestamptz (JSON carries them as ISO strings). */
export function timestampProperties(
  dataSource: DataSource,
  entity: EntityTarget<ObjectLiteral>,
  properties?: ReadonlySet<string>,
): string[] {
  return dataSource
    .getMetadata(entity)
    .columns.filter((column) => column.type === 'timestamptz')
    .map((column) => column.propertyName)
    .filter((property) => !properties || properties.has(property));
}

import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { isNullAsDefault } from '../entities/column-helpers';

function sqlLiteral(value: string | number | boolean): string {
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') return String(value);
  return `'${value.replace(/'/g, "''")}'`;
}

/** What an entity read selects, in one order for the SQL and for the rows. */
export interface EntitySelect {
  /** The SELECT list: each column aliased to its property, nullAsDefault columns COALESCEd. */
  list: string;
  /** The selected properties, in list order. */
  properties: string[];
  /** Those stored as timestamptz (JSON carries them as ISO strings). */
  timestamps: string[];
}

/**
 * Reads an entity's table straight into plain objects shaped like the entity: each column aliased
 * to its property, and nullAsDefault columns wrapped in COALESCE. The read path then needs no
 * per-column mapping in JavaScript, which is most of what an ORM find costs. Built from the
 * TypeORM metadata, so it follows the entity classes; `properties` narrows it to a projection.
 */
export function entitySelect(
  dataSource: DataSource,
  entity: EntityTarget<ObjectLiteral>,
  alias: string,
  properties?: ReadonlySet<string>,
): EntitySelect {
  const columns = dataSource
    .getMetadata(entity)
    .columns.filter((column) => !properties || properties.has(column.propertyName));
  const list = columns.map((column) => {
    const ref = `${alias}.${column.databaseName}`;
    const transformer = column.transformer;
    const value = isNullAsDefault(transformer)
      ? `COALESCE(${ref}, ${sqlLiteral(transformer.fallback)})`
      : ref;
    // DECIMAL travels as text, so that JSON keeps "149.00" exact instead of a float.
    const typed = column.type === 'decimal' ? `(${value})::text` : value;
    return `${typed} AS "${column.propertyName}"`;
  });
  return {
    list: list.join(', '),
    properties: columns.map((column) => column.propertyName),
    timestamps: columns
      .filter((column) => column.type === 'timestamptz')
      .map((column) => column.propertyName),
  };
}

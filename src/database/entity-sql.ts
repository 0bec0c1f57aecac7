import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

/**
 * SQL for the writer's hot statements, built from TypeORM's entity metadata (column names, value
 * transformers, JSON and dates as TypeORM stores them) without its query builder, which cost
 * about a tenth of the server's CPU on a submit. The same shape gives the same text, so the
 * statements can be prepared.
 */

type Partial<T> = QueryDeepPartialEntity<T>;
/** A raw SQL expression, as TypeORM's query builder takes it: `() => 'row_version + 1'`. */
type RawExpression = () => string;

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

function columnFor(manager: EntityManager, target: EntityTarget<ObjectLiteral>, property: string) {
  const column = manager.connection.getMetadata(target).findColumnWithPropertyName(property);
  if (!column) throw new Error(`No column for property ${property}`);
  return column;
}

function persistent(manager: EntityManager, column: ColumnMetadata, value: unknown): unknown {
  return manager.connection.driver.preparePersistentValue(value, column);
}

/** `INSERT INTO t (…) VALUES (…), (…) RETURNING *`; a property a row leaves out is DEFAULT. */
export function insertSql<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  rows: Partial<T>[],
): [string, unknown[]] {
  const metadata = manager.connection.getMetadata(target);
  const properties = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const columns = properties.map((property) => columnFor(manager, target, property));
  const params: unknown[] = [];
  const tuples = rows.map((row) => {
    const values = properties.map((property, i) => {
      const value = (row as Record<string, unknown>)[property];
      if (value === undefined) return 'DEFAULT';
      params.push(persistent(manager, columns[i], value));
      return `$${params.length}`;
    });
    return `(${values.join(', ')})`;
  });
  const names = columns.map((column) => quote(column.databaseName)).join(', ');
  const table = quote(metadata.tableName);
  return [`INSERT INTO ${table} (${names}) VALUES ${tuples.join(', ')} RETURNING *`, params];
}

/**
 * `UPDATE t SET … WHERE a = $ AND b = $ RETURNING *`; a function value is raw SQL. With
 * `returning: 'set'` it returns only the columns it sets: a caller that holds the row (locked)
 * knows the rest, and each column returned costs the driver and hydration on every call.
 */
export function updateSql<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  changes: Partial<T>,
  where: Partial<T>,
  options: { returning: 'all' | 'set' } = { returning: 'all' },
): [string, unknown[]] {
  const metadata = manager.connection.getMetadata(target);
  const params: unknown[] = [];
  const parameter = (property: string, value: unknown) => {
    params.push(persistent(manager, columnFor(manager, target, property), value));
    return `$${params.length}`;
  };
  const name = (property: string) => quote(columnFor(manager, target, property).databaseName);
  const changed = Object.entries(changes).filter(([, value]) => value !== undefined);
  const sets = changed.map(([property, value]) => {
    const sql = typeof value === 'function' ? (value as RawExpression)() : null;
    return `${name(property)} = ${sql ?? parameter(property, value)}`;
  });
  const conditions = Object.entries(where).map(
    ([property, value]) => `${name(property)} = ${parameter(property, value)}`,
  );
  const table = quote(metadata.tableName);
  const returning =
    options.returning === 'all' ? '*' : changed.map(([property]) => name(property)).join(', ');
  const text =
    `UPDATE ${table} SET ${sets.join(', ')} WHERE ${conditions.join(' AND ')} ` +
    `RETURNING ${returning}`;
  return [text, params];
}

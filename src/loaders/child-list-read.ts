import type { QueryResultRow } from 'pg';
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import type { RequestDatabase } from '../database/request-database';
import { intArray, preparedJsonRead, type PreparedRead } from './read-query';
import { entitySelect } from './row-select';

/** A table read by a parent (or own) id column, in the order the API lists it. */
export interface ChildQuery {
  entity: EntityTarget<ObjectLiteral>;
  /** Database column matched against the batch of ids. */
  parentColumn: string;
  /** Entity properties the list is ordered by (the last one unique, e.g. id). */
  orderProperties: string[];
}

export interface ChildListOptions {
  /** Only these properties (all columns when absent). */
  properties?: ReadonlySet<string>;
  /** Leave out rows whose is_active is not TRUE (a NULL flag is off, as in the seed's views). */
  activeOnly: boolean;
  /** Prepared-statement name; projections that vary with the query stay unnamed. */
  name?: string;
}

/**
 * The one statement shape of every nested read: `WHERE <column> = ANY($1)`, the selected columns
 * shaped like the entity, returned as one JSON array in API order.
 */
export function childListRead<Row extends QueryResultRow>(
  dataSource: DataSource,
  query: ChildQuery,
  options: ChildListOptions,
): (db: RequestDatabase, ids: number[]) => Promise<Row[]> {
  const table = dataSource.getMetadata(query.entity).tableName;
  const active = options.activeOnly ? ' AND t.is_active IS TRUE' : '';
  const read: PreparedRead<Row> = preparedJsonRead<Row>(
    options.name,
    entitySelect(dataSource, query.entity, 't', options.properties),
    `FROM ${table} t WHERE t.${query.parentColumn} = ANY($1::int[])${active}`,
    query.orderProperties.map((p) => `x."${p}"`).join(', '),
  );
  return (db, ids) => read(db, [intArray(ids)]);
}

import type { QueryResultRow } from 'pg';
import type { RequestDatabase } from '../database/request-database';

/** A statement of the hot nested-read path, run on a request's connection. */
export type PreparedRead<Row> = (db: RequestDatabase, values: unknown[]) => Promise<Row[]>;

/**
 * A read statement for the hot nested-read path, run straight on the request's pg connection (no
 * ORM query runner per call). With a name it is a prepared statement that PostgreSQL parses and
 * plans once per connection; statements whose text varies with the query (projections) stay
 * unnamed so that clients cannot make the server keep unbounded numbers of them. Either way it
 * goes through the DataSource's logger, so statement counts stay observable.
 */
export function preparedRead<Row extends QueryResultRow>(
  name: string | undefined,
  text: string,
): PreparedRead<Row> {
  return (db, values) => db.read<Row>(name ? { name, text, values } : { text, values });
}

/**
 * Like preparedRead, but PostgreSQL returns all rows as one JSON array, which V8 parses natively in
 * one pass: much cheaper than the driver's per-row, per-column decoding on large child lists.
 * `orderBy` orders the aggregate (columns of the inner query by their aliases); timestamps are
 * turned back into Dates so the rows keep the entity's shape.
 */
export function preparedJsonRead<Row extends QueryResultRow>(
  name: string | undefined,
  innerSql: string,
  orderBy: string,
  timestamps: string[],
): PreparedRead<Row> {
  const text = `SELECT COALESCE(json_agg(x ORDER BY ${orderBy}), '[]'::json) AS rows FROM (${innerSql}) x`;
  const read = preparedRead<{ rows: Row[] }>(name, text);
  return async (db, values) => {
    const [{ rows }] = await read(db, values);
    if (timestamps.length > 0) {
      for (const row of rows as Record<string, unknown>[]) {
        for (const property of timestamps) {
          const value = row[property];
          if (typeof value === 'string') row[property] = new Date(value);
        }
      }
    }
    return rows;
  };
}

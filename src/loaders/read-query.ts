import type { Pool, QueryResultRow } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * The `int[]` parameter of `= ANY($1::int[])` as PostgreSQL's array text. pg's generic array
 * encoding quotes and escapes every element, which for a 400-parent level cost more than the
 * statement's other work in JavaScript. Ids are integers, so the plain join is the literal.
 */
export function intArray(ids: readonly number[]): string {
  return `{${ids.join(',')}}`;
}

/**
 * A read statement for the hot nested-read path, run straight on the pg pool (no ORM query runner
 * per call). With a name it is a prepared statement that PostgreSQL parses and plans once per
 * connection; statements whose text varies with the query (projections) stay unnamed so that
 * clients cannot make the server keep unbounded numbers of them. Either way it goes through the
 * DataSource's logger, so statement counts stay observable.
 */
export function preparedRead<Row extends QueryResultRow>(
  dataSource: DataSource,
  name: string | undefined,
  text: string,
): (values: unknown[]) => Promise<Row[]> {
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  return async (values) => {
    dataSource.logger.logQuery(text, values);
    const result = await pool.query<Row>(name ? { name, text, values } : { text, values });
    return result.rows;
  };
}

/**
 * Like preparedRead, but PostgreSQL returns all rows as one JSON array, which V8 parses natively in
 * one pass: much cheaper than the driver's per-row, per-column decoding on large child lists.
 * `orderBy` orders the aggregate (columns of the inner query by their aliases); timestamps are
 * turned back into Dates so the rows keep the entity's shape.
 */
export function preparedJsonRead<Row extends QueryResultRow>(
  dataSource: DataSource,
  name: string | undefined,
  innerSql: string,
  orderBy: string,
  timestamps: string[],
): (values: unknown[]) => Promise<Row[]> {
  const text = `SELECT COALESCE(json_agg(x ORDER BY ${orderBy}), '[]'::json) AS rows FROM (${innerSql}) x`;
  const read = preparedRead<{ rows: Row[] }>(dataSource, name, text);
  return async (values) => {
    const [{ rows }] = await read(values);
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

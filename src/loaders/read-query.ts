import type { Pool, QueryResultRow } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * A read statement for the hot nested-read path, run as a named prepared statement straight on the
 * pg pool: PostgreSQL parses and plans it once per connection, and no ORM query runner is set up
 * per call. It still goes through the DataSource's logger, so statement counts stay observable.
 */
export function preparedRead<Row extends QueryResultRow>(
  dataSource: DataSource,
  name: string,
  text: string,
): (values: unknown[]) => Promise<Row[]> {
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  return async (values) => {
    dataSource.logger.logQuery(text, values);
    const result = await pool.query<Row>({ name, text, values });
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
  name: string,
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

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

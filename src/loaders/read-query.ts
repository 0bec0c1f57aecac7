import type { QueryResultRow } from 'pg';
import type { RequestDatabase } from '../database/request-database';
import { rowBuilder } from './row-builder';
import type { EntitySelect } from './row-select';

/** A statement of the hot nested-read path, run on a request's connection. */
export type PreparedRead<Row> = (db: RequestDatabase, values: unknown[]) => Promise<Row[]>;

/**
 * The `int[]` parameter of `= ANY($1::int[])` as PostgreSQL's array text. pg's generic array
 * encoding quotes and escapes every element, which for a 400-parent level cost more than the
 * statement's other work in JavaScript. Ids are integers, so the plain join is the literal.
 */
export function intArray(ids: readonly number[]): string {
  return `{${ids.join(',')}}`;
}

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

/** json_build_array is an ordinary function: PostgreSQL caps its arguments at 100. */
const MAX_COLUMNS = 100;

/**
 * Like preparedRead, but PostgreSQL returns all rows as one JSON array, which V8 parses natively in
 * one pass: much cheaper than the driver's per-row, per-column decoding on large child lists. Each
 * row travels as an array of its values, not as an object: JSON.parse of the same rows as objects
 * cost twice as much (every key of every row), and the text is half as long. `rest` follows the
 * SELECT list (FROM, WHERE); `orderBy` orders the aggregate (inner columns by their aliases).
 * Timestamps are turned back into Dates so the rows keep the entity's shape.
 */
export function preparedJsonRead<Row extends QueryResultRow>(
  name: string | undefined,
  select: EntitySelect,
  rest: string,
  orderBy: string,
): PreparedRead<Row> {
  const { properties, timestamps } = select;
  if (properties.length > MAX_COLUMNS) throw new Error(`Cannot read ${properties.length} columns`);
  const values = properties.map((property) => `x."${property}"`).join(', ');
  const text =
    `SELECT COALESCE(json_agg(json_build_array(${values}) ORDER BY ${orderBy}), '[]'::json) ` +
    `AS rows FROM (SELECT ${select.list} ${rest}) x`;
  const read = preparedRead<{ rows: unknown[][] }>(name, text);
  const build = rowBuilder<Row>(properties);
  return async (db, parameters) => {
    const [{ rows }] = await read(db, parameters);
    const built = new Array<Row>(rows.length);
    for (let index = 0; index < rows.length; index++) {
      const row = build(rows[index]);
      for (const property of timestamps) {
        const value: unknown = row[property];
        if (typeof value === 'string') (row as Record<string, unknown>)[property] = new Date(value);
      }
      built[index] = row;
    }
    return built;
  };
}

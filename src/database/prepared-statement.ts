import { createHash } from 'node:crypto';
import type { PoolClient, QueryResultRow } from 'pg';
import { QueryFailedError, type QueryRunner } from 'typeorm';

/**
 * Distinct statements prepared per process at most: each connection keeps what it prepared until
 * it closes, and statement texts vary with their row counts (a write batch inserting n rows).
 * Past the cap a new text runs unnamed, as TypeORM runs everything.
 */
const MAX_PREPARED_TEXTS = 500;
const preparedNames = new Map<string, string>();
/** Part of every name; a schema change that outdates what connections prepared moves it on. */
let generation = 0;

/** The name a statement text is prepared under (a digest: same text, same name), if any. */
function preparedName(text: string): string | undefined {
  let name = preparedNames.get(text);
  if (name === undefined && preparedNames.size < MAX_PREPARED_TEXTS) {
    const digest = createHash('sha1').update(text).digest('hex').slice(0, 24);
    name = `mwp_${generation}_${digest}`;
    preparedNames.set(text, name);
  }
  return name;
}

/**
 * PostgreSQL refuses a prepared `SELECT *` or `RETURNING *` whose columns a migration changed
 * since ("cached plan must not change result type"): that call fails, and every later one
 * prepares afresh under new names instead of failing on each connection until it closes.
 */
function outdatedByMigration(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === '0A000' && typeof message === 'string' && message.includes('cached plan');
}

/** A fixed statement name (the read path's), moved on by a schema change as digest names are. */
export function currentName(name: string): string {
  return `${name}_g${generation}`;
}

/** Statements each connection holds from an SQL PREPARE (not the driver's named statements). */
const preparedOnConnection = new WeakMap<PoolClient, Set<string>>();

/** Whether `client` holds an SQL-prepared statement of this name (as far as this process knows). */
export function isPreparedOn(client: PoolClient, name: string): boolean {
  return preparedOnConnection.get(client)?.has(name) ?? false;
}

/** Records that `client` now holds (or, after a failure, may not hold) the statement `name`. */
export function notePreparedOn(client: PoolClient, name: string, prepared: boolean): void {
  let names = preparedOnConnection.get(client);
  if (!names) preparedOnConnection.set(client, (names = new Set()));
  if (prepared) names.add(name);
  else names.delete(name);
}

/**
 * Whether a failed prepared statement was outdated by a migration: when it was, every name moves
 * on, so the next call prepares afresh (the failing call still fails).
 */
export function notePreparedFailure(error: unknown): void {
  if (!outdatedByMigration(error)) return;
  generation += 1;
  preparedNames.clear();
}

/**
 * A statement on the runner's connection as a named prepared statement: PostgreSQL parses and
 * plans it once per connection instead of on every call (for the writer's lock and its write
 * batch, planning under the row-level security policies cost more than running them). Logged and
 * failing as TypeORM's own query() does (QueryFailedError).
 */
export async function queryPrepared<Row extends QueryResultRow>(
  runner: QueryRunner,
  text: string,
  values: unknown[],
): Promise<Row[]> {
  const client = (await runner.connect()) as PoolClient;
  runner.connection.logger.logQuery(text, values, runner);
  try {
    return (await client.query<Row>({ name: preparedName(text), text, values })).rows;
  } catch (error) {
    notePreparedFailure(error);
    runner.connection.logger.logQueryError(error as Error, text, values, runner);
    throw new QueryFailedError(text, values, error as Error);
  }
}

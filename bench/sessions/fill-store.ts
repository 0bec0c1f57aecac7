// Fills the store with sessions of other users, set-based, as the database owner (system work
// for row-level security), in batches of one transaction each; then vacuums and analyzes so that
// neither autovacuum nor stale statistics land in the measured rounds.
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { SYSTEM_SETTINGS_SQL } from '../../src/database/viewer-settings';
import * as sql from './fill-sql';
import { settleDatabase } from './settle';

const SESSIONS_PER_USER = 10;

export interface FillResult {
  /** Stored sessions now (the bench's own sessions are not counted). */
  storedSessions: number;
  added: number;
  insertSeconds: number;
  vacuumSeconds: number;
  /** How long MISFITS took over the whole store. */
  checkSeconds: number;
  /** Whether the per-row foreign key triggers were skipped (superuser only). */
  skippedTriggers: boolean;
}

export interface StoreTarget {
  databaseUrl: string;
  measuredWizardId: number;
  otherWizardId: number;
  batchSize: number;
}

interface Batch extends StoreTarget {
  skipTriggers: boolean;
}

/** Throws unless every stored row fits its wizard (see MISFITS). */
async function checkReferences(client: Client): Promise<void> {
  const result = await client.query<Record<string, number>>(sql.MISFITS);
  const misfits = Object.entries(result.rows[0]).filter(([, count]) => count > 0);
  if (misfits.length > 0) {
    const list = misfits.map(([table, count]) => `${count} ${table}`).join(', ');
    throw new Error(`the fill wrote rows that do not fit their wizard: ${list}`);
  }
}

async function firstId(client: Client, table: string, column: string, count: number) {
  const result = await client.query<{ first: string }>(sql.reserveIds(table, column), [count]);
  return Number(result.rows[0].first);
}

/** Sessions number `from` + 1 … `from` + `count` (1-based over all batches), in one transaction. */
async function fillBatch(client: Client, target: Batch, from: number, count: number) {
  const users = Math.ceil(count / SESSIONS_PER_USER);
  await client.query('BEGIN');
  try {
    await client.query(SYSTEM_SETTINGS_SQL);
    // Rows built from the wizards' own rows in this transaction cannot break a foreign key, so
    // a superuser skips the per-row checks (2-3x faster); checkReferences() proves it after.
    if (target.skipTriggers) await client.query('SET LOCAL session_replication_role = replica');
    const firstUser = await firstId(client, 'users', 'user_id', users);
    const firstSession = await firstId(client, 'wizard_user_sessions', 'session_id', count);
    const wizards = [target.measuredWizardId, target.otherWizardId];
    await client.query(sql.STEPS, [wizards]);
    await client.query(sql.PLAN, [from + 1, count, firstSession, firstUser, ...wizards]);
    await client.query(sql.PASSED);
    await client.query('ANALYZE bench_fill_steps, bench_fill_plan, bench_fill_passed');
    await client.query(sql.USERS, [firstUser, users]);
    for (const statement of [sql.SESSIONS, sql.SELECTIONS, sql.SKIPS, sql.ACTIVITY, sql.COUNTERS])
      await client.query(statement);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** Grows the store from `stored` to `size` sessions; `progress` hears after each batch. */
export async function fillStore(
  target: StoreTarget,
  stored: number,
  size: number,
  progress: (line: string) => void,
): Promise<FillResult> {
  const client = new Client({ connectionString: target.databaseUrl });
  await client.connect();
  try {
    const superuser = await client.query<{ is_superuser: string }>('SHOW is_superuser');
    const batch = { ...target, skipTriggers: superuser.rows[0].is_superuser === 'on' };
    const started = performance.now();
    for (let done = stored; done < size; ) {
      const count = Math.min(target.batchSize, size - done);
      await fillBatch(client, batch, done, count);
      done += count;
      const seconds = (performance.now() - started) / 1000;
      if (size - stored > target.batchSize)
        progress(
          `  stored ${done.toLocaleString('en')} of ${size.toLocaleString('en')} sessions (${seconds.toFixed(1)} s)`,
        );
    }
    const insertSeconds = (performance.now() - started) / 1000;
    const vacuumStarted = performance.now();
    await settleDatabase(client);
    const vacuumSeconds = (performance.now() - vacuumStarted) / 1000;
    const checkStarted = performance.now();
    await checkReferences(client);
    return {
      storedSessions: size,
      added: size - stored,
      insertSeconds,
      vacuumSeconds,
      checkSeconds: (performance.now() - checkStarted) / 1000,
      skippedTriggers: batch.skipTriggers,
    };
  } finally {
    await client.end();
  }
}

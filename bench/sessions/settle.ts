// What the rounds leave behind must not weigh on the next one: a side's dead rows (updated
// sessions, replaced selections, folded counter deltas) would be pruned by whoever reads the
// pages next, and a checkpoint falling due part-way would make that round write whole pages to
// the WAL. So the same clean-up runs after the fill and before every round, outside the timing.
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';

/** Every table either side writes, and those the fill writes. */
const WRITTEN_TABLES = [
  'users',
  'wizards',
  'wizard_user_sessions',
  'wizard_user_selections',
  'wizard_step_skips',
  'wizard_session_activity_log',
  'wizard_counter_deltas',
];

/** VACUUM (ANALYZE) of the written tables, then a CHECKPOINT (if the role may: pg_checkpoint). */
export async function settleDatabase(client: Client): Promise<void> {
  await client.query(`VACUUM (ANALYZE) ${WRITTEN_TABLES.join(', ')}`);
  await client.query('CHECKPOINT').catch(() => undefined);
}

/** settleDatabase on a connection of its own; resolves with the seconds it took. */
export async function settleBeforeRound(databaseUrl: string): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  const started = performance.now();
  await client.connect();
  try {
    await settleDatabase(client);
    return (performance.now() - started) / 1000;
  } finally {
    await client.end();
  }
}

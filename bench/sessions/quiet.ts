// Requests a client gave up on (timeouts) go on in the server; the next round must not compete
// with them. Before each round the bench waits until no client connection of the database is
// inside a statement or a transaction.
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';

const BUSY_SQL = `
SELECT count(*)::int AS busy
  FROM pg_stat_activity
 WHERE datname = current_database() AND backend_type = 'client backend'
   AND state <> 'idle' AND pid <> pg_backend_pid()`;
const POLL_MS = 250;
/** Quiet means this many polls in a row found nothing running. */
const QUIET_POLLS = 3;

/** Resolves with the seconds waited; gives up (resolving) after `limitMs`. */
export async function untilQuiet(databaseUrl: string, limitMs = 120_000): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const started = performance.now();
  try {
    for (let quiet = 0; quiet < QUIET_POLLS && performance.now() - started < limitMs; ) {
      const result = await client.query<{ busy: number }>(BUSY_SQL);
      quiet = result.rows[0].busy === 0 ? quiet + 1 : 0;
      if (quiet < QUIET_POLLS) await sleep(POLL_MS);
    }
    return (performance.now() - started) / 1000;
  } finally {
    await client.end();
  }
}

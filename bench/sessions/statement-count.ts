// The counting phase, apart from the timed rounds: a second instance of each server, whose
// DATABASE_URL points at a counting proxy, runs sessions one at a time for one client; the
// proxy's counts before and after each request give statements and round trips per operation.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Cleanup } from '../cleanup';
import { startBaselineServer, startGraphqlServer, type RunningChild } from '../servers';
import type { StepChoices } from './client-loop';
import { CountingProxy, type MessageCounts } from './counting-proxy';
import { emptyTally, OPERATIONS, type Operation, type Tally } from './recorder';
import type { Side } from './round';
import { BASELINE_SCRIPT, type BenchSetup } from './setup';
import type { SessionApi, SessionRef } from './session-api';

/** Per operation: statements, round trips and parses, each per call. */
export type OperationCounts = Record<Operation, MessageCounts>;

/** Per side: what each operation costs in SQL. */
export type SqlCounts = Record<Side, OperationCounts>;

export interface CountingResult {
  /** undefined when the connection to PostgreSQL is encrypted (the proxy cannot read it). */
  counts: SqlCounts | undefined;
  /** Successes, and the name of the sessions, for the final check against the database. */
  tallies: Record<Side, Tally>;
  sessionNames: Record<Side, string>;
}

const SESSION_NAMES: Record<Side, string> = {
  ours: 'bench graphql (counted)',
  baseline: 'bench baseline (counted)',
};
const WARMUP_SESSIONS = 2;
/** Lets the proxy read what the server sent before its answer reached us. */
const SETTLE_MS = 20;

const zero = (): MessageCounts => ({ statements: 0, roundTrips: 0, parses: 0 });

/** The database URL with the proxy in front: same database, user and options. */
function throughProxy(databaseUrl: string, port: number): string {
  const url = new URL(databaseUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return url.toString();
}

async function countedSessions(
  api: SessionApi,
  steps: StepChoices,
  proxy: CountingProxy,
  sessions: number,
  tally: Tally,
): Promise<OperationCounts> {
  const sums: OperationCounts = { start: zero(), submit: zero(), complete: zero() };
  const calls = { start: 0, submit: 0, complete: 0 };
  const counted = async (operation: Operation, work: () => Promise<SessionRef>, count: boolean) => {
    const before = proxy.snapshot();
    const session = await work();
    await sleep(SETTLE_MS);
    const after = proxy.snapshot();
    tally.done[operation]++;
    if (count) {
      calls[operation]++;
      for (const key of Object.keys(before) as (keyof MessageCounts)[])
        sums[operation][key] += after[key] - before[key];
    }
    return session;
  };
  for (let n = 0; n < WARMUP_SESSIONS + sessions; n++) {
    const count = n >= WARMUP_SESSIONS;
    let session = await counted('start', () => api.start(), count);
    for (const [i, choices] of steps.entries()) {
      const current = session;
      const choice = choices[(n + i) % choices.length];
      session = await counted('submit', () => api.submit(current, choice), count);
    }
    const done = session;
    await counted('complete', () => api.complete(done), count);
  }
  for (const operation of OPERATIONS)
    for (const key of Object.keys(sums[operation]) as (keyof MessageCounts)[])
      sums[operation][key] /= calls[operation];
  return sums;
}

/** Starts both counted instances behind one proxy, counts, stops them. */
export async function countStatements(
  setup: BenchSetup,
  sessions: number,
  cleanup: Cleanup,
): Promise<CountingResult> {
  const target = new URL(setup.database.url);
  const proxy = new CountingProxy(target.hostname, Number(target.port || 5432));
  cleanup.add('close the counting proxy', () => proxy.close());
  const url = throughProxy(setup.database.url, await proxy.listen());
  const tallies = { ours: emptyTally(), baseline: emptyTally() };
  const servers: RunningChild[] = [];
  try {
    const [graphql, baseline] = await Promise.all([
      startGraphqlServer(url, cleanup, { jwtSecret: setup.jwtSecret }),
      startBaselineServer(url, cleanup, BASELINE_SCRIPT),
    ]);
    servers.push(graphql, baseline);
    const counts: Partial<SqlCounts> = {};
    for (const [side, server] of [
      ['baseline', baseline],
      ['ours', graphql],
    ] as const) {
      const api = setup.apis[side](server.url, SESSION_NAMES[side])(setup.accounts[0]);
      try {
        counts[side] = await countedSessions(api, setup.steps, proxy, sessions, tallies[side]);
      } finally {
        api.close();
      }
    }
    return {
      counts: proxy.counting ? (counts as SqlCounts) : undefined,
      tallies,
      sessionNames: SESSION_NAMES,
    };
  } finally {
    await Promise.all(servers.map((server) => server.child.stop()));
    await proxy.close();
  }
}

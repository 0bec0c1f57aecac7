// The counting phase, apart from the timed rounds: a second instance of each server, whose
// DATABASE_URL points at a counting proxy, runs sessions one at a time for one client; the
// proxy's counts before and after each request give statements and round trips per operation.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Cleanup } from '../cleanup';
import { startBaselineServer, startGraphqlServer, type RunningChild } from '../servers';
import type { StepChoices } from './client-loop';
import { CountingProxy, type MessageCounts } from './counting-proxy';
import { OPERATIONS, type Operation, type Tally } from './recorder';
import type { SessionApi, SessionRef } from './session-api';

/** Per operation: statements, round trips and parses, each per call. */
export type OperationCounts = Record<Operation, MessageCounts>;

export interface CountingSide {
  /** The adapter for the counted instance (one client, its own account). */
  api: (url: string) => SessionApi;
  /** Successes, for the final check against the database. */
  tally: Tally;
}

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
    await sleep(SETTLE_MS);
    const before = proxy.snapshot();
    const session = await work();
    await sleep(SETTLE_MS);
    const after = proxy.snapshot();
    tally[operation]++;
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
  databaseUrl: string,
  sides: { ours: CountingSide; baseline: CountingSide },
  steps: StepChoices,
  options: { sessions: number; jwtSecret: string },
  cleanup: Cleanup,
): Promise<{ ours: OperationCounts; baseline: OperationCounts } | undefined> {
  const target = new URL(databaseUrl);
  const proxy = new CountingProxy(target.hostname, Number(target.port || 5432));
  cleanup.add('close the counting proxy', () => proxy.close());
  const url = throughProxy(databaseUrl, await proxy.listen());
  const servers: RunningChild[] = [];
  try {
    const [graphql, baseline] = await Promise.all([
      startGraphqlServer(url, cleanup, { jwtSecret: options.jwtSecret }),
      startBaselineServer(url, cleanup, 'bench/sessions/baseline-server.ts'),
    ]);
    servers.push(graphql, baseline);
    const ours = sides.ours.api(graphql.url);
    const base = sides.baseline.api(baseline.url);
    try {
      const counts = {
        ours: await countedSessions(ours, steps, proxy, options.sessions, sides.ours.tally),
        baseline: await countedSessions(base, steps, proxy, options.sessions, sides.baseline.tally),
      };
      return proxy.counting ? counts : undefined;
    } finally {
      ours.close();
      base.close();
    }
  } finally {
    await Promise.all(servers.map((server) => server.child.stop()));
    await proxy.close();
  }
}

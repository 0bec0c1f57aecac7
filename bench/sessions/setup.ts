// Everything a run needs before the store is filled: the database, both servers, the wizards
// (imported and published through the API), the client accounts and their adapters.
import { randomBytes } from 'node:crypto';
import type { Cleanup } from '../cleanup';
import { provisionDatabase, type BenchDatabase } from '../database';
import { startBaselineServer, startGraphqlServer, type RunningChild } from '../servers';
import type { WizardIds } from '../../test/helpers/sessions';
import { registerClients } from './accounts';
import { BaselineSessionApi } from './baseline-api';
import { MEASURED_WIZARD, OTHER_WIZARD, stepChoices } from './bench-wizards';
import type { StepChoices } from './client-loop';
import { GraphqlSessionApi } from './graphql-api';
import { emptyTally } from './recorder';
import type { Contestant, Side } from './round';
import type { SessionApi } from './session-api';
import type { SessionBenchSettings } from './settings';
import { publishWizards, type Account } from './wizard-setup';

export const BASELINE_SCRIPT = 'bench/sessions/baseline-server.ts';

/** An adapter for one account on a server at `url`, naming its sessions `sessionName`. */
export type ApiFactory = (url: string, sessionName: string) => (account: Account) => SessionApi;

export interface BenchSetup {
  database: BenchDatabase;
  /** Shared by every instance of our server (a counted one takes the same tokens). */
  jwtSecret: string;
  servers: Record<Side, RunningChild>;
  wizards: { measured: WizardIds; other: WizardIds };
  steps: StepChoices;
  accounts: Account[];
  apis: Record<Side, ApiFactory>;
  contestants: Record<Side, Contestant>;
}

/** Session names tell the sides' rows apart for the final check. */
export const SESSION_NAMES: Record<Side, string> = {
  ours: 'bench graphql',
  baseline: 'bench baseline',
};

export async function setUp(
  settings: SessionBenchSettings,
  cleanup: Cleanup,
  say: (line: string) => void,
): Promise<BenchSetup> {
  const database = await provisionDatabase(cleanup);
  const where = database.source === 'embedded' ? 'a throw-away embedded cluster' : 'DATABASE_URL';
  say(`PostgreSQL: a fresh database on ${where}.`);
  const jwtSecret = randomBytes(32).toString('base64url');
  // Our server migrates the database as it boots; the baseline needs the tables, so it comes second.
  // A profile of each side (the same profiler overhead on both), told apart by pid.
  const cpuProfileDir = process.env.BENCH_CPU_PROF || undefined;
  // Node flags for our server only, to try runtime settings (as BENCH_NODE_ARGS in bench/run.ts).
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  if (nodeArgs.length) say(`GraphQL server node flags: ${nodeArgs.join(' ')}`);
  const graphql = await startGraphqlServer(database.url, cleanup, {
    jwtSecret,
    cpuProfileDir,
    nodeArgs,
  });
  const baseline = await startBaselineServer(database.url, cleanup, BASELINE_SCRIPT, {
    cpuProfileDir,
  });
  say(`Servers ready: GraphQL pid ${graphql.child.pid}, baseline pid ${baseline.child.pid}.`);
  const [measured, other] = await publishWizards(graphql.url, database.url, [
    MEASURED_WIZARD,
    OTHER_WIZARD,
  ]);
  const accounts = await registerClients(graphql.url, Math.max(...settings.clientCounts));
  say(
    `Wizards ${measured.wizardId} and ${other.wizardId} published; ${accounts.length} client ` +
      'accounts registered.',
  );
  const timeout = settings.requestTimeoutMs;
  const apis: Record<Side, ApiFactory> = {
    ours: (url, name) => (a) =>
      new GraphqlSessionApi(url, a.token, measured.wizardId, name, timeout),
    baseline: (url, name) => (a) =>
      new BaselineSessionApi(url, a.userId, measured.wizardId, name, timeout),
  };
  const contestant = (side: Side, server: RunningChild): Contestant => ({
    side,
    pid: server.child.pid,
    apis: accounts.map(apis[side](server.url, SESSION_NAMES[side])),
    tally: emptyTally(),
  });
  const contestants = {
    ours: contestant('ours', graphql),
    baseline: contestant('baseline', baseline),
  };
  cleanup.add('close the clients', () => {
    for (const c of Object.values(contestants)) for (const api of c.apis) api.close();
    return Promise.resolve();
  });
  return {
    database,
    jwtSecret,
    servers: { ours: graphql, baseline },
    wizards: { measured, other },
    steps: stepChoices(measured),
    accounts,
    apis,
    contestants,
  };
}

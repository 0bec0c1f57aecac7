// `npm run bench:sessions`: the session write path (start, submit every step, complete) of our
// GraphQL server against a bare node:http + pg baseline doing the same writes, with C clients of
// their own accounts, on a store pre-filled with sessions of other users.
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { join } from 'node:path';
import type { Cleanup } from './cleanup';
import { runBenchmark } from './entry';
import { provisionDatabase } from './database';
import { writeReport } from './report';
import { POOL_SIZE, PROJECT_ROOT, startBaselineServer, startGraphqlServer } from './servers';
import { registerClients } from './sessions/accounts';
import { MEASURED_WIZARD, OTHER_WIZARD, stepChoices } from './sessions/bench-wizards';
import { BaselineSessionApi } from './sessions/baseline-api';
import { describeSetup } from './sessions/describe-setup';
import { fillStore, type FillResult } from './sessions/fill-store';
import { GraphqlSessionApi } from './sessions/graphql-api';
import { emptyTally } from './sessions/recorder';
import { measureStoreSize, type SizeResult } from './sessions/measure-size';
import type { Contestant } from './sessions/round';
import { readSessionSettings, type SessionBenchSettings } from './sessions/settings';
import { countStatements } from './sessions/statement-count';
import {
  formatAcrossSizes,
  formatErrors,
  formatSizeTable,
  formatSqlTable,
  formatTargets,
  type SqlCounts,
} from './sessions/tables';
import { verifySessions } from './sessions/verify-sessions';
import type { Account } from './sessions/wizard-setup';
import { publishWizards } from './sessions/wizard-setup';

const RESULTS_DIR = join(PROJECT_ROOT, 'bench', 'results');
const BASELINE_SCRIPT = 'bench/sessions/baseline-server.ts';
/** Session names tell the sides' rows apart for the final check. */
const NAMES = {
  ours: 'bench graphql',
  baseline: 'bench baseline',
  oursCounted: 'bench graphql (counted)',
  baselineCounted: 'bench baseline (counted)',
};

const say = (line = '') => process.stdout.write(`${line}\n`);

async function bench(settings: SessionBenchSettings, cleanup: Cleanup): Promise<void> {
  describeSetup(settings, say);
  const database = await provisionDatabase(cleanup);
  const where = database.source === 'embedded' ? 'a throw-away embedded cluster' : 'DATABASE_URL';
  say(`PostgreSQL: a fresh database on ${where}.`);
  // Our server migrates the database as it boots; the baseline needs the tables, so it comes second.
  // One secret for both instances of our server (the counted one takes the same tokens).
  const jwtSecret = randomBytes(32).toString('base64url');
  const graphql = await startGraphqlServer(database.url, cleanup, { jwtSecret });
  const baseline = await startBaselineServer(database.url, cleanup, BASELINE_SCRIPT);
  say(`Servers ready: GraphQL pid ${graphql.child.pid}, baseline pid ${baseline.child.pid}.`);
  const [measured, other] = await publishWizards(graphql.url, database.url, [
    MEASURED_WIZARD,
    OTHER_WIZARD,
  ]);
  const steps = stepChoices(measured);
  const accounts = await registerClients(graphql.url, Math.max(...settings.clientCounts));
  say(
    `Wizards ${measured.wizardId} and ${other.wizardId} published; ${accounts.length} client accounts registered.`,
  );

  const timeout = settings.requestTimeoutMs;
  const oursApi = (url: string, name: string) => (a: Account) =>
    new GraphqlSessionApi(url, a.token, measured.wizardId, name, timeout);
  const baselineApi = (url: string, name: string) => (a: Account) =>
    new BaselineSessionApi(url, a.userId, measured.wizardId, name, timeout);
  const contestants: Record<'ours' | 'baseline', Contestant> = {
    ours: {
      side: 'ours',
      pid: graphql.child.pid,
      apis: accounts.map(oursApi(graphql.url, NAMES.ours)),
      tally: emptyTally(),
    },
    baseline: {
      side: 'baseline',
      pid: baseline.child.pid,
      apis: accounts.map(baselineApi(baseline.url, NAMES.baseline)),
      tally: emptyTally(),
    },
  };
  cleanup.add('close the clients', () => {
    for (const c of Object.values(contestants)) for (const api of c.apis) api.close();
    return Promise.resolve();
  });
  const counted = { ours: emptyTally(), baseline: emptyTally() };

  const fills: FillResult[] = [];
  const results: SizeResult[] = [];
  let sql: SqlCounts | undefined;
  let stored = 0;
  for (const size of settings.storeSizes) {
    say();
    say(`Filling the store to ${size.toLocaleString('en')} sessions of other users...`);
    const fill = await fillStore(
      {
        databaseUrl: database.url,
        measuredWizardId: Number(measured.wizardId),
        otherWizardId: Number(other.wizardId),
        batchSize: settings.fillBatch,
      },
      stored,
      size,
      say,
    );
    stored = size;
    fills.push(fill);
    say(
      `  ${fill.added.toLocaleString('en')} sessions inserted in ${fill.insertSeconds.toFixed(1)} s ` +
        `(${fill.skippedTriggers ? 'foreign key triggers skipped as superuser' : 'with foreign key checks'}); ` +
        `VACUUM ANALYZE ${fill.vacuumSeconds.toFixed(1)} s; fit check ${fill.checkSeconds.toFixed(1)} s`,
    );
    if (!sql) {
      say(
        `Counting SQL per operation (${settings.countedSessions} sessions per side, one at a time)...`,
      );
      sql = await countStatements(
        database.url,
        {
          ours: { api: (url) => oursApi(url, NAMES.oursCounted)(accounts[0]), tally: counted.ours },
          baseline: {
            api: (url) => baselineApi(url, NAMES.baselineCounted)(accounts[0]),
            tally: counted.baseline,
          },
        },
        steps,
        { sessions: settings.countedSessions, jwtSecret },
        cleanup,
      );
      say(sql ? formatSqlTable(sql) : '  (not counted: the connection to PostgreSQL is encrypted)');
    }
    const result = await measureStoreSize(size, contestants, steps, settings, say);
    results.push(result);
    say();
    say(`Stored sessions: ${size.toLocaleString('en')}`);
    say(formatSizeTable(result, sql));
    const errors = formatErrors(result);
    if (errors.length) say(['Errors (first few kinds):', ...errors].join('\n'));
    say('Targets:');
    say(formatTargets(result.targets).join('\n'));
  }
  if (results.length > 1) {
    say();
    say('Across store sizes:');
    say(formatAcrossSizes(results));
  }

  const checks = await verifySessions(database.url, [
    { sessionName: NAMES.baseline, tally: contestants.baseline.tally },
    { sessionName: NAMES.ours, tally: contestants.ours.tally },
    { sessionName: NAMES.baselineCounted, tally: counted.baseline },
    { sessionName: NAMES.oursCounted, tally: counted.ours },
  ]);
  say();
  say('Check of the rows written:');
  for (const check of checks) {
    const rows = `${check.rows.sessions} sessions, ${check.rows.completed} completed`;
    say(`  ${check.sessionName}: ${rows}: ${check.ok ? 'ok' : check.problems.join('; ')}`);
  }
  const file = writeReport(
    RESULTS_DIR,
    {
      finishedAt: new Date().toISOString(),
      environment: {
        cpuCores: cpus().length,
        cpuModel: cpus()[0]?.model ?? 'unknown',
        node: process.version,
        postgresSource: database.source,
      },
      settings: { ...settings, poolSize: POOL_SIZE },
      fills,
      sqlPerOperation: sql ?? null,
      results,
      checks,
    },
    'sessions-latest.json',
  );
  say(`Results written to ${file}`);
  const failed = checks.filter((check) => !check.ok);
  if (failed.length)
    throw new Error(
      `the rows written do not match what the clients counted (${failed.map((c) => c.sessionName).join(', ')})`,
    );
}

runBenchmark((cleanup) => bench(readSessionSettings(), cleanup), {
  stopping: 'stopping the clients and servers, removing the database',
});

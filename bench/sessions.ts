// `npm run bench:sessions`: the session write path (start, submit every step, complete) of our
// GraphQL server against a bare node:http + pg baseline doing the same writes, with C clients of
// their own accounts, on a store pre-filled with sessions of other users.
import 'reflect-metadata';
import { join } from 'node:path';
import type { Cleanup } from './cleanup';
import { runBenchmark } from './entry';
import { machine, writeReport } from './report';
import { POOL_SIZE, PROJECT_ROOT } from './servers';
import { describeSetup } from './sessions/describe-setup';
import { fillStore, type FillResult } from './sessions/fill-store';
import { measureStoreSize, type SizeResult } from './sessions/measure-size';
import { untilQuiet } from './sessions/quiet';
import { loggedErrors } from './sessions/server-log';
import { readSessionSettings, type SessionBenchSettings } from './sessions/settings';
import { SESSION_NAMES, setUp, type BenchSetup } from './sessions/setup';
import { countStatements, type CountingResult, type SqlCounts } from './sessions/statement-count';
import {
  formatAcrossSizes,
  formatErrors,
  formatSizeTable,
  formatSqlTable,
  formatTargets,
} from './sessions/tables';
import { verifySessions, type CheckResult } from './sessions/verify-sessions';

const RESULTS_DIR = join(PROJECT_ROOT, 'bench', 'results');

const say = (line = '') => process.stdout.write(`${line}\n`);
const count = (value: number) => value.toLocaleString('en');

async function fill(setup: BenchSetup, from: number, to: number, batchSize: number) {
  say();
  say(`Filling the store to ${count(to)} sessions of other users...`);
  await untilQuiet(setup.database.url);
  const target = {
    databaseUrl: setup.database.url,
    measuredWizardId: Number(setup.wizards.measured.wizardId),
    otherWizardId: Number(setup.wizards.other.wizardId),
    batchSize,
  };
  const result = await fillStore(target, from, to, say);
  const triggers = result.skippedTriggers
    ? 'per-row foreign key triggers skipped as superuser'
    : 'with per-row foreign key checks';
  say(
    `  ${count(result.added)} sessions inserted in ${result.insertSeconds.toFixed(1)} s ` +
      `(${triggers}); VACUUM ANALYZE + CHECKPOINT ${result.vacuumSeconds.toFixed(1)} s; ` +
      `fit check ${result.checkSeconds.toFixed(1)} s`,
  );
  return result;
}

function printSize(result: SizeResult, sql: SqlCounts | undefined): void {
  say();
  say(`Stored sessions: ${count(result.storedSessions)}`);
  say(formatSizeTable(result, sql));
  const errors = formatErrors(result);
  if (errors.length) say(['Errors (first few kinds):', ...errors].join('\n'));
  say('Targets:');
  say(formatTargets(result.targets).join('\n'));
}

async function checkRows(setup: BenchSetup, counting: CountingResult): Promise<CheckResult[]> {
  const checks = await verifySessions(setup.database.url, [
    ...(['baseline', 'ours'] as const).map((side) => ({
      sessionName: SESSION_NAMES[side],
      tally: setup.contestants[side].tally,
    })),
    ...(['baseline', 'ours'] as const).map((side) => ({
      sessionName: counting.sessionNames[side],
      tally: counting.tallies[side],
    })),
  ]);
  say();
  say('Check of the rows written:');
  for (const check of checks) {
    const unanswered = check.unanswered ? `, ${check.unanswered} requests unanswered` : '';
    const rows = `${check.rows.sessions} sessions, ${check.rows.completed} completed${unanswered}`;
    say(`  ${check.sessionName}: ${rows}: ${check.ok ? 'ok' : check.problems.join('; ')}`);
  }
  return checks;
}

async function bench(settings: SessionBenchSettings, cleanup: Cleanup): Promise<void> {
  describeSetup(settings, say);
  const setup = await setUp(settings, cleanup, say);
  // Counted on the empty store: what a request sends does not depend on how many rows there are,
  // and each request is then quick.
  say(
    `Counting SQL per operation (${settings.countedSessions} sessions per side, one at a time)...`,
  );
  const counting = await countStatements(setup, settings.countedSessions, cleanup);
  say(
    counting.counts
      ? formatSqlTable(counting.counts)
      : '  (not counted: the connection is encrypted)',
  );

  const fills: FillResult[] = [];
  const results: SizeResult[] = [];
  let stored = 0;
  for (const size of settings.storeSizes) {
    fills.push(await fill(setup, stored, size, settings.fillBatch));
    stored = size;
    const result = await measureStoreSize(
      setup.database.url,
      size,
      setup.contestants,
      setup.steps,
      settings,
      say,
    );
    results.push(result);
    printSize(result, counting.counts);
  }
  const logged = loggedErrors(setup.servers.ours.child.output());
  if (logged.length) {
    say();
    say("Errors in the last lines of our server's log:");
    say(logged.map((line) => `  ${line}`).join('\n'));
  }
  if (results.length > 1) {
    say();
    say('Across store sizes:');
    say(formatAcrossSizes(results));
  }
  const checks = await checkRows(setup, counting);
  const file = writeReport(
    RESULTS_DIR,
    {
      finishedAt: new Date().toISOString(),
      environment: {
        ...machine(),
        postgresSource: setup.database.source,
      },
      settings: { ...settings, poolSize: POOL_SIZE },
      fills,
      sqlPerOperation: counting.counts ?? null,
      results,
      serverLoggedErrors: logged,
      checks,
    },
    'sessions-latest.json',
  );
  say(`Results written to ${file}`);
  const failed = checks.filter((check) => !check.ok).map((check) => check.sessionName);
  if (failed.length)
    throw new Error(`the rows written do not match what the clients counted: ${failed.join(', ')}`);
}

runBenchmark((cleanup) => bench(readSessionSettings(), cleanup), {
  stopping: 'stopping the clients and servers, removing the database',
});

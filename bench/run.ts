// `npm run bench`: our GraphQL server against a bare node:http + pg baseline on the wizard tree.
import 'reflect-metadata';
import { cpus } from 'node:os';
import { join } from 'node:path';
import type { Cleanup } from './cleanup';
import { runBenchmark } from './entry';
import { provisionDatabase } from './database';
import { loadDataset, SHAPE, WIZARD_COUNT } from './dataset';
import { measure, stopLoad, type RunSummary } from './load';
import {
  formatTable,
  formatVerdict,
  GOAL_RATIO,
  machine,
  meanOf,
  writeReport,
  type Report,
} from './report';
import { POOL_SIZE, PROJECT_ROOT, startBaselineServer, startGraphqlServer } from './servers';
import { readSettings, type BenchSettings } from './settings';
import { assertSameAnswers } from './verify';

const RESULTS_DIR = join(PROJECT_ROOT, 'bench', 'results');

const say = (line = '') => process.stdout.write(`${line}\n`);

function describeSetup(settings: BenchSettings): void {
  const options = SHAPE.steps * SHAPE.setsPerStep * SHAPE.optionsPerSet;
  say('Wizard tree benchmark: GraphQL server vs. bare node:http + pg baseline');
  say(
    `  data: ${WIZARD_COUNT} wizards x ${SHAPE.steps} steps x ${SHAPE.setsPerStep} sets x ` +
      `${SHAPE.optionsPerSet} options; each request reads one whole tree (${options} options), ` +
      `wizard ids round robin`,
  );
  say(
    `  load: autocannon in this process, ${settings.connections} connections, ` +
      `${settings.warmupSeconds} s warm-up + ${settings.durationSeconds} s measured per run; ` +
      `order: baseline, GraphQL, baseline`,
  );
  say(
    `  GraphQL server: NODE_ENV=production, LOG_LEVEL=warn (request logging is OFF during the ` +
      `bench), pool ${POOL_SIZE}`,
  );
  if (settings.serverNodeArgs.length > 0) {
    say(`  GraphQL server node flags: ${settings.serverNodeArgs.join(' ')}`);
  }
  say(`  baseline: one SQL statement (nested json_agg/json_build_object), pool ${POOL_SIZE}`);
  say(
    `  machine: ${cpus().length} CPU cores shared by PostgreSQL, both servers and the load ` +
      `generator; compare the ratio, not the absolute numbers`,
  );
  say();
}

async function bench(settings: BenchSettings, cleanup: Cleanup): Promise<void> {
  describeSetup(settings);
  const database = await provisionDatabase(cleanup);
  const where = database.source === 'embedded' ? 'a throw-away embedded cluster' : 'DATABASE_URL';
  say(`PostgreSQL: a fresh database on ${where}.`);
  const dataset = await loadDataset(database.url);
  say(`Loaded ${dataset.wizardIds.length} wizards (PostgreSQL ${dataset.serverVersion}).`);

  const [baseline, graphql] = await Promise.all([
    startBaselineServer(database.url, cleanup),
    startGraphqlServer(database.url, cleanup, {
      cpuProfileDir: settings.cpuProfileDir,
      nodeArgs: settings.serverNodeArgs,
    }),
  ]);
  say(`Servers ready: GraphQL pid ${graphql.child.pid}, baseline pid ${baseline.child.pid}.`);

  const sizes = await assertSameAnswers(graphql.url, baseline.url, dataset.wizardIds, SHAPE.steps);
  say(
    `Answers identical for all ${dataset.wizardIds.length} wizards ` +
      `(${(sizes.graphqlBytes / 1024).toFixed(0)} KiB GraphQL, ` +
      `${(sizes.baselineBytes / 1024).toFixed(0)} KiB baseline JSON per answer).`,
  );
  say();

  const plan: [string, string, number | undefined][] = [
    ['baseline (run 1)', baseline.url, baseline.child.pid],
    ['GraphQL', graphql.url, graphql.child.pid],
    ['baseline (run 2)', baseline.url, baseline.child.pid],
  ];
  const runs: RunSummary[] = [];
  for (const [index, [label, url, pid]] of plan.entries()) {
    say(`[${index + 1}/${plan.length}] ${label}...`);
    runs.push(await measure(label, url, dataset.wizardIds, settings, pid));
  }
  const [baseline1, ours, baseline2] = runs;
  const baselineMean = meanOf('baseline (mean)', [baseline1, baseline2]);
  const ratio = ours.requestsPerSecond / baselineMean.requestsPerSecond;
  const report: Report = {
    finishedAt: new Date().toISOString(),
    environment: {
      ...machine(),
      postgres: dataset.serverVersion,
      postgresSource: database.source,
    },
    settings: {
      connections: settings.connections,
      warmupSeconds: settings.warmupSeconds,
      durationSeconds: settings.durationSeconds,
      poolSize: POOL_SIZE,
      graphqlServerNodeArgs: settings.serverNodeArgs.join(' '),
      wizards: WIZARD_COUNT,
      shape: `${SHAPE.steps}x${SHAPE.setsPerStep}x${SHAPE.optionsPerSet}`,
      graphqlAnswerBytes: sizes.graphqlBytes,
      baselineAnswerBytes: sizes.baselineBytes,
    },
    runs,
    baselineMean,
    graphql: ours,
    ratio,
    goalRatio: GOAL_RATIO,
    goalMet: ratio >= GOAL_RATIO,
  };

  say();
  say(formatTable([baseline1, baseline2, baselineMean, ours]));
  say();
  say(formatVerdict(report));
  say(`Results written to ${writeReport(RESULTS_DIR, report)}`);
  if (settings.cpuProfileDir) {
    say(`GraphQL server CPU profile: written to ${settings.cpuProfileDir} when it stops.`);
  }
}

runBenchmark((cleanup) => bench(readSettings(), cleanup), {
  stopping: 'stopping the servers and removing the database',
  onAbort: stopLoad,
});

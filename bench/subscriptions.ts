// `npm run bench:subscriptions`: 1,000 graphql-ws subscribers of one server instance hear each
// published event; delivery latency and memory per connection, against a bare `ws` baseline.
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { freePort } from '../test/helpers/free-port';
import type { Cleanup } from './cleanup';
import { runBenchmark } from './entry';
import { provisionDatabase } from './database';
import { machine, writeReport } from './report';
import { POOL_SIZE, PROJECT_ROOT, startGraphqlServer, startWsBaselineServer } from './servers';
import { createAccounts } from './subscriptions/accounts';
import { baselinePublisher } from './subscriptions/baseline-publisher';
import { describeSetup } from './subscriptions/describe-setup';
import { assertFileDescriptors } from './subscriptions/fd-limit';
import { postGraphql } from './subscriptions/graphql-http';
import { runContender } from './subscriptions/measure';
import { formatSubscriptionTable, ratiosOf, summarize } from './subscriptions/report';
import { readSubscriptionSettings, type SubscriptionSettings } from './subscriptions/settings';
import { SessionCycle } from './subscriptions/transitions';
import { storeBenchWizard } from './subscriptions/wizard';

const RESULTS_DIR = join(PROJECT_ROOT, 'bench', 'results');
const ACTIVITY = `subscription($id: ID!) { wizardActivity(wizardId: $id) { id sessionId type createdAt } }`;

const say = (line = '') => process.stdout.write(`${line}\n`);

async function bench(settings: SubscriptionSettings, cleanup: Cleanup): Promise<void> {
  describeSetup(settings, say);
  say(`Checked: ${assertFileDescriptors(settings.subscribers)}.`);
  const database = await provisionDatabase(cleanup);
  const where = database.source === 'embedded' ? 'a throw-away embedded cluster' : 'DATABASE_URL';
  say(`PostgreSQL: a fresh database on ${where}.`);

  // Our server migrates the database as it boots; the data goes in once it is ready.
  const jwtSecret = randomBytes(32).toString('base64url');
  // Both servers listen for the inspector on loopback: each memory reading forces a full GC first.
  const [ourInspector, baselineInspector] = [await freePort(), await freePort()];
  const inspect = (port: number) => [`--inspect=127.0.0.1:${port}`];
  const [graphql, baseline] = await Promise.all([
    startGraphqlServer(database.url, cleanup, { jwtSecret, nodeArgs: inspect(ourInspector) }),
    startWsBaselineServer(cleanup, { nodeArgs: inspect(baselineInspector) }),
  ]);
  say(`Servers ready: GraphQL pid ${graphql.child.pid}, baseline pid ${baseline.child.pid}.`);
  const [wizard, accounts] = await Promise.all([
    storeBenchWizard(database.url),
    createAccounts(database.url, jwtSecret, settings.subscribers),
  ]);
  const me = (await postGraphql(graphql.url, accounts.subscriberTokens[0], '{ me { id role } }'))
    .me as { id: string; role: string } | null;
  if (me?.role !== 'ADMIN')
    throw new Error(`a minted token is not an ADMIN's: ${JSON.stringify(me)}`);
  say(
    `Stored wizard ${wizard.wizardId}, ${settings.subscribers} ADMINs and a USER; tokens accepted.`,
  );
  say();

  const subscribe = {
    tokens: accounts.subscriberTokens,
    query: ACTIVITY,
    variables: { id: wizard.wizardId },
  };
  const cycle = new SessionCycle(graphql.url, accounts.driverToken, wizard);
  say('[1/2] GraphQL server...');
  const ours = await runContender(
    {
      label: 'GraphQL server',
      pid: graphql.child.pid,
      inspectPort: ourInspector,
      wsUrl: graphql.url.replace(/^http/, 'ws'),
      trigger: () => cycle.next(),
    },
    subscribe,
    settings,
    cleanup,
    say,
  );
  // Second, so that it can send exactly what our subscribers received.
  say('[2/2] baseline...');
  const base = await runContender(
    {
      label: 'ws baseline',
      pid: baseline.child.pid,
      inspectPort: baselineInspector,
      wsUrl: baseline.url.replace(/^http/, 'ws').replace(/\/publish$/, '/graphql'),
      trigger: baselinePublisher(baseline.url, ours.lastResult),
    },
    subscribe,
    settings,
    cleanup,
    say,
  );

  const summaries = [summarize(ours), summarize(base)];
  const ratios = ratiosOf(summaries[0], summaries[1]);
  say();
  say(formatSubscriptionTable(summaries, ratios));
  say();
  const file = writeReport(
    RESULTS_DIR,
    {
      finishedAt: new Date().toISOString(),
      environment: {
        ...machine(),
        postgresSource: database.source,
      },
      settings: { ...settings, poolSize: POOL_SIZE, event: JSON.stringify(ours.lastResult) },
      graphql: summaries[0],
      baseline: summaries[1],
      ratios,
    },
    'subscriptions-latest.json',
  );
  say(`Results written to ${file}`);
}

runBenchmark((cleanup) => bench(readSubscriptionSettings(), cleanup), {
  stopping: 'closing the subscribers, stopping the servers',
});

import { randomBytes } from 'node:crypto';
import type { Client } from 'graphql-ws';
import { Redis } from 'ioredis';
import { Client as PgClient } from 'pg';
import { sessionWizards } from '../fixtures/session-wizards';
import { registerAccount, type TestAccount } from '../helpers/accounts';
import { freePort } from '../helpers/free-port';
import { redisReachable, TEST_REDIS_URL } from '../helpers/redis';
import { spawnServer, type ServerProcess } from '../helpers/server-process';
import {
  ACTIVITY,
  failure,
  ok,
  SessionDriver,
  storeWizards,
  type WizardIds,
} from '../helpers/sessions';
import { Stream, subscriptionClient } from '../helpers/subscriptions';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import {
  graphqlEndpoint,
  TEST_SESSION_DATA_KEY,
  type GraphQLEndpoint,
} from '../helpers/test-server';

type AnyData = Record<string, any>;

const REDIS = redisReachable();
if (!REDIS)
  console.warn(
    `Redis is not reachable at ${TEST_REDIS_URL}: the cross-instance event tests are SKIPPED. ` +
      'Start Redis there or set TEST_REDIS_URL to run them.',
  );

const READY = /"msg":"server ready"/;
const PROGRESS = `subscription($id: ID!) { sessionProgress(sessionId: $id) { cursor type version } }`;
const ROLLUP = `mutation($date: LocalDate!) { rollupAnalytics(input: { date: $date }) {
  rows { wizardId date totalStarts } } }`;

interface Instance {
  process: ServerProcess;
  api: GraphQLEndpoint;
  /** /readyz's events part: the relay's state and the open streams. */
  events(): Promise<{ transport: string; connected?: boolean; dropped?: number; streams: number }>;
}

async function startInstance(env: Record<string, string>): Promise<Instance> {
  const port = await freePort();
  const process = spawnServer({ ...env, PORT: String(port) });
  await process.waitForOutput(READY, 90_000);
  return {
    process,
    api: graphqlEndpoint(port),
    events: async () => {
      const response = await fetch(`http://127.0.0.1:${port}/readyz`);
      return ((await response.json()) as AnyData).events;
    },
  };
}

/** Polls until the condition holds (the state lives in other processes; nothing to wait on). */
async function eventually(condition: () => Promise<boolean>, what: string): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`never happened: ${what}`);
}

describe('two server processes on one database', () => {
  let db: TestDatabase;
  let proxy: TcpProxy | undefined;
  let first: Instance;
  let second: Instance;
  let ids: WizardIds;
  let owner: TestAccount;
  let admin: TestAccount;
  let channel: string;
  const clients: Client[] = [];

  const subscribe = (instance: Instance, account: TestAccount, sessionId: string) => {
    const client = subscriptionClient(instance.api.port, {
      authorization: `Bearer ${account.token}`,
    });
    clients.push(client);
    return new Stream(client, PROGRESS, { id: sessionId });
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    if (REDIS) {
      const redis = new URL(TEST_REDIS_URL);
      proxy = await startTcpProxy(redis.hostname, Number(redis.port || 6379));
    }
    channel = `mwp:test:${randomBytes(6).toString('hex')}`;
    const env = {
      DATABASE_URL: db.url,
      HOST: '127.0.0.1',
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      DEMO_DATA: 'false',
      GRAPHQL_IDE: 'false',
      // One secret and one key: a token or sealed answer from one instance works on the other.
      JWT_SECRET: randomBytes(32).toString('base64url'),
      SESSION_DATA_KEY: TEST_SESSION_DATA_KEY,
      ANALYTICS_ROLLUP_INTERVAL_SECONDS: '0',
      ...(proxy && {
        REDIS_URL: `redis://127.0.0.1:${proxy.port}`,
        // Its own channel: other test runs on the same Redis stay out.
        REDIS_EVENTS_CHANNEL: channel,
      }),
    };
    [first, second] = await Promise.all([startInstance(env), startInstance(env)]);
    [ids] = await storeWizards(db.dataSource, [sessionWizards.branch]);
    owner = await registerAccount(first.api, db.dataSource, 'owner@example.com');
    admin = await registerAccount(first.api, db.dataSource, 'admin@example.com', 'ADMIN');
  }, 150_000);

  afterAll(async () => {
    for (const client of clients) await client.dispose();
    const exits = await Promise.all([first?.process.stop(), second?.process.stop()]);
    await proxy?.close();
    await db?.drop();
    expect(exits).toEqual([0, 0]);
  }, 60_000);

  describe('the daily roll-up', () => {
    it('runs on one instance at a time: the other is refused while the lock is held', async () => {
      const session = new SessionDriver(second.api, ids, owner.headers);
      await session.start();
      const today = new Date().toISOString().slice(0, 10);
      // Hold the table so the first instance's roll-up stops inside its advisory lock.
      const blocker = new PgClient({ connectionString: db.url });
      await blocker.connect();
      try {
        await blocker.query('BEGIN');
        await blocker.query('LOCK TABLE wizard_analytics IN ACCESS EXCLUSIVE MODE');
        const running = first.api.graphql(ROLLUP, { date: today }, admin.headers);
        await eventually(async () => {
          const { rows } = await blocker.query(
            `SELECT count(*)::int AS held FROM pg_locks l JOIN pg_database d ON d.oid = l.database
              WHERE l.locktype = 'advisory' AND l.granted AND d.datname = current_database()`,
          );
          return rows[0].held === 1;
        }, 'the first instance holds the roll-up lock');
        const refused = failure(await second.api.graphql(ROLLUP, { date: today }, admin.headers));
        expect(refused.code).toBe('CONFLICT');
        await blocker.query('COMMIT');
        const rows = ok(await running).rollupAnalytics.rows;
        expect(rows).toEqual([{ wizardId: String(ids.wizardId), date: today, totalStarts: 1 }]);
      } finally {
        await blocker.end();
      }
      // Free again: the second instance rolls the same day up to the same row.
      const again = ok(await second.api.graphql(ROLLUP, { date: today }, admin.headers));
      expect(again.rollupAnalytics.rows).toEqual([
        { wizardId: String(ids.wizardId), date: today, totalStarts: 1 },
      ]);
      const stored = await db.dataSource.query(
        'SELECT count(*)::int AS n FROM wizard_analytics WHERE analytics_date = $1',
        [today],
      );
      expect(stored[0].n).toBe(1);
    });
  });

  (REDIS ? describe : describe.skip)('events through Redis', () => {
    beforeAll(async () => {
      await eventually(
        async () =>
          (await first.events()).connected === true && (await second.events()).connected === true,
        'both instances connected to Redis',
      );
    });

    it("delivers a session's events driven through one instance to a subscriber on the other", async () => {
      const session = new SessionDriver(second.api, ids, owner.headers);
      await session.start();
      const remote = subscribe(first, owner, session.id);
      const local = subscribe(second, owner, session.id);
      await eventually(async () => (await first.events()).streams === 1, 'first listening');
      await eventually(async () => (await second.events()).streams === 1, 'second listening');
      // Whatever else lands on the channel is ignored (events are validated, not trusted).
      const stranger = new Redis(TEST_REDIS_URL);
      await stranger.publish(channel, 'not json');
      await stranger.publish(channel, JSON.stringify({ origin: 'x', sessionId: 'drop table' }));
      stranger.disconnect();
      ok(await session.submit('start', { pick: { options: ['left'] } }));
      // Each event shows the session as it is when rendered ("now"): the first must arrive on
      // both instances before the next change, or the two could render different states.
      await remote.until(() => remote.events.length === 1);
      await local.until(() => local.events.length === 1);
      ok(await session.submit('left_step', { pick: { options: ['l'] } }));
      await remote.until(() => remote.events.length === 2);
      await local.until(() => local.events.length === 2);
      const log = ok(
        await first.api.graphql(ACTIVITY, { sessionId: session.id }, owner.headers),
      ).activityLog.edges.filter((edge: AnyData) => edge.node.type === 'STEP_COMPLETED');
      const expected = [
        { type: 'STEP_COMPLETED', version: 2 },
        { type: 'STEP_COMPLETED', version: 3 },
      ];
      expect(remote.events.map(({ type, version }) => ({ type, version }))).toEqual(expected);
      // The instance that made the change delivers it once (its own events are not echoed back).
      expect(local.events).toEqual(remote.events);
      expect(remote.events.map((event) => event.cursor)).toEqual(
        log.map((edge: AnyData) => edge.cursor),
      );
      expect(remote.error).toBeNull();
      for (const instance of [first, second])
        expect(
          instance.process.stdout().match(/ignored a malformed message on the events channel/g),
        ).toHaveLength(2);
    });

    it('keeps serving while Redis is away and resumes delivery when it is back', async () => {
      const session = new SessionDriver(second.api, ids, owner.headers);
      await session.start();
      // The last test's subscription is still open: wait for this one on top of it, or the first
      // event could be published before anyone listens for it.
      const streamsBefore = (await first.events()).streams;
      const remote = subscribe(first, owner, session.id);
      await eventually(
        async () => (await first.events()).streams === streamsBefore + 1,
        'first listening',
      );
      ok(await session.submit('start', { pick: { options: ['right'] } }));
      await remote.until(() => remote.events.length === 1);

      await proxy!.cut();
      await eventually(
        async () =>
          (await first.events()).connected === false && (await second.events()).connected === false,
        'both instances notice Redis is gone',
      );
      // Queries and mutations go on; this change's event cannot cross to the first instance.
      const droppedBefore = (await second.events()).dropped;
      ok(await session.submit('right_step', { pick: { options: ['r'] } }));
      expect(ok(await first.api.graphql(`{ me { id } }`, {}, owner.headers)).me.id).toBe(owner.id);
      expect((await second.events()).dropped).toBe(droppedBefore! + 1);

      await proxy!.restore();
      await eventually(
        async () =>
          (await first.events()).connected === true && (await second.events()).connected === true,
        'both instances reconnected to Redis',
      );
      ok(await session.submit('end', { pick: { options: ['e'] } }));
      await remote.until(() => remote.events.length === 2);
      expect(remote.events.map((event) => event.version)).toEqual([2, 4]);
      expect(remote.error).toBeNull();
      // The gap is filled from the last cursor before it.
      const gap = ok(
        await first.api.graphql(
          ACTIVITY,
          { sessionId: session.id, after: remote.events[0].cursor },
          owner.headers,
        ),
      ).activityLog.edges.map((edge: AnyData) => edge.cursor);
      expect(gap).toHaveLength(2);
      expect(gap[1]).toBe(remote.events[1].cursor);
    });
  });
});

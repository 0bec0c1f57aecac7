import { Writable } from 'node:stream';
import type { Client } from 'graphql-ws';
import pino from 'pino';
import WebSocket from 'ws';
import { sessionWizards } from '../fixtures/session-wizards';
import { ActivityType } from '../../src/entities/enums';
import { sessionEvents } from '../../src/events/session-events';
import { registerAccount, type TestAccount } from '../helpers/accounts';
import { SessionDriver, storeWizards, type WizardIds } from '../helpers/sessions';
import { listening, Stream, subscriptionClient } from '../helpers/subscriptions';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { startTestServer, type TestServer } from '../helpers/test-server';

const ACTIVITY = `subscription($id: ID!) { wizardActivity(wizardId: $id) { id details } }`;
const NORMAL_CLIENTS = 12;
/** Each event is this big, so a few megabytes of socket buffers fill in a few dozen events. */
const DETAIL_BYTES = 256 * 1024;
const EVENTS = 60;

/** A client that subscribes over the raw protocol and then stops reading its socket. */
async function stalledSubscriber(
  port: number,
  token: string,
  wizardId: string,
  subscriptions: number,
) {
  const socket = new WebSocket(`ws://127.0.0.1:${port}/graphql`, 'graphql-transport-ws');
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  await new Promise((resolve) => socket.once('open', resolve));
  socket.send(
    JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }),
  );
  await new Promise((resolve) => socket.once('message', resolve));
  for (let id = 1; id <= subscriptions; id++)
    socket.send(
      JSON.stringify({
        id: String(id),
        type: 'subscribe',
        payload: { query: ACTIVITY, variables: { id: wizardId } },
      }),
    );
  // Nothing is read from here on: what the server sends piles up in the kernel, then with it.
  const raw = (socket as unknown as { _socket: { pause(): void; resume(): void } })._socket;
  raw.pause();
  return { closed, resume: () => raw.resume() };
}

/** A server with the given limits, logging its warnings into `lines`. */
async function serverWithLimits(db: TestDatabase, env: Record<string, string>, lines: string[]) {
  const logs = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return startTestServer(db.dataSource, env, pino({ level: 'warn' }, logs));
}

describe('a subscriber that stops reading', () => {
  let db: TestDatabase;
  let ids: WizardIds;
  const servers: TestServer[] = [];
  const clients: Client[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    [ids] = await storeWizards(db.dataSource, [sessionWizards.branch]);
  });

  afterAll(async () => {
    for (const client of clients) await client.dispose();
    for (const server of servers) await server.stop();
    await db?.drop();
  });

  /**
   * One stalled connection (with `stalledSubscriptions` on it) and twelve that read, all following
   * one wizard; heavy events are published one at a time, each only once every reader has it.
   * Returns after how many events the stalled connection was dropped, and what was logged.
   */
  async function stallOne(env: Record<string, string>, stalledSubscriptions: number) {
    const logLines: string[] = [];
    const server = await serverWithLimits(db, env, logLines);
    servers.push(server);
    const admin: TestAccount = await registerAccount(
      server,
      db.dataSource,
      `dashboards-${servers.length}@example.com`,
      'ADMIN',
    );
    const session = new SessionDriver(server, ids, admin.headers);
    await session.start();
    // A heavy activity row, published again and again as if many such changes happened.
    const [row] = await db.dataSource.query(
      `INSERT INTO wizard_session_activity_log
         (session_id, wizard_id, user_id, activity_type, activity_details)
       VALUES ($1, $2, $3, 'STEP_COMPLETED', $4) RETURNING log_id AS id`,
      [session.id, ids.wizardId, admin.id, { note: 'x'.repeat(DETAIL_BYTES) }],
    );

    const before = sessionEvents.listenerCount();
    const stalled = await stalledSubscriber(
      server.port,
      admin.token,
      ids.wizardId,
      stalledSubscriptions,
    );
    const streams = Array.from({ length: NORMAL_CLIENTS }, () => {
      const client = subscriptionClient(server.port, { authorization: `Bearer ${admin.token}` });
      clients.push(client);
      return new Stream(client, ACTIVITY, { id: ids.wizardId });
    });
    await listening(before + stalledSubscriptions + NORMAL_CLIENTS);

    let droppedAfter: number | null = null;
    for (let sent = 1; sent <= EVENTS; sent++) {
      sessionEvents.publish({
        logId: row.id,
        sessionId: Number(session.id),
        wizardId: Number(ids.wizardId),
        userId: Number(admin.id),
        type: ActivityType.STEP_COMPLETED,
        version: sent,
        occurredAt: new Date(),
      });
      // Every normal client has this event before the next goes out, while the stalled one's
      // pile grows: none of them waits for it.
      await Promise.all(streams.map((stream) => stream.until(() => stream.events.length === sent)));
      if (droppedAfter === null && sessionEvents.listenerCount() === before + NORMAL_CLIENTS)
        droppedAfter = sent;
    }

    for (const stream of streams) {
      expect(stream.events).toHaveLength(EVENTS);
      expect(stream.error).toBeNull();
      expect(stream.done).toBe(false);
    }
    // Reading again, the client finds its connection ended without a closing handshake.
    stalled.resume();
    expect(await stalled.closed).toBe(1006);
    const dropped = logLines.filter((line) => line.includes('slow subscriber dropped'));
    return { droppedAfter, dropped };
  }

  it('is disconnected once its backlog passes the limit, and never delays the others', async () => {
    const { droppedAfter, dropped } = await stallOne({ SUBSCRIPTION_MAX_BACKLOG: '4' }, 1);
    expect(droppedAfter).not.toBeNull();
    expect(droppedAfter!).toBeLessThan(EVENTS);
    expect(dropped).toHaveLength(1);
    expect(dropped[0]).toContain('over 4 waiting events');
  });

  it('is disconnected once its unsent bytes pass the limit (several subscriptions on it)', async () => {
    const { droppedAfter, dropped } = await stallOne(
      { SUBSCRIPTION_MAX_BACKLOG: '1000000', SUBSCRIPTION_MAX_BUFFERED_BYTES: '65536' },
      2,
    );
    expect(droppedAfter).not.toBeNull();
    expect(droppedAfter!).toBeLessThan(EVENTS);
    expect(dropped).toHaveLength(1);
    expect(dropped[0]).toContain('over 65536 bytes unsent');
  });
});

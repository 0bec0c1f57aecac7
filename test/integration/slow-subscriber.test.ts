import { Writable } from 'node:stream';
import type { Client } from 'graphql-ws';
import pino from 'pino';
import WebSocket from 'ws';
import { sessionWizards } from '../fixtures/session-wizards';
import { ActivityType } from '../../src/entities/enums';
import { sessionEvents } from '../../src/events/session-events';
import { registerAccount, type TestAccount } from '../helpers/accounts';
import { SessionDriver, storeWizards } from '../helpers/sessions';
import { listening, Stream, subscriptionClient } from '../helpers/subscriptions';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { startTestServer, type TestServer } from '../helpers/test-server';

const ACTIVITY = `subscription($id: ID!) { wizardActivity(wizardId: $id) { id details } }`;
/** Events one subscription may have waiting before its client counts as too slow. */
const MAX_BACKLOG = 4;
const NORMAL_CLIENTS = 12;
/** Each event is this big, so a few megabytes of socket buffers fill in a few dozen events. */
const DETAIL_BYTES = 256 * 1024;
const EVENTS = 60;

/** A client that subscribes over the raw protocol and then stops reading its socket. */
async function stalledSubscriber(port: number, token: string, wizardId: string) {
  const socket = new WebSocket(`ws://127.0.0.1:${port}/graphql`, 'graphql-transport-ws');
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  await new Promise((resolve) => socket.once('open', resolve));
  socket.send(
    JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }),
  );
  await new Promise((resolve) => socket.once('message', resolve));
  socket.send(
    JSON.stringify({
      id: '1',
      type: 'subscribe',
      payload: { query: ACTIVITY, variables: { id: wizardId } },
    }),
  );
  // Nothing is read from here on: what the server sends piles up in the kernel, then with it.
  const raw = (socket as unknown as { _socket: { pause(): void; resume(): void } })._socket;
  raw.pause();
  return { closed, resume: () => raw.resume() };
}

describe('a subscriber that stops reading', () => {
  let db: TestDatabase;
  let server: TestServer;
  let admin: TestAccount;
  const logLines: string[] = [];
  const clients: Client[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    const logs = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(chunk.toString('utf8'));
        done();
      },
    });
    server = await startTestServer(
      db.dataSource,
      { SUBSCRIPTION_MAX_BACKLOG: String(MAX_BACKLOG) },
      pino({ level: 'warn' }, logs),
    );
    admin = await registerAccount(server, db.dataSource, 'dashboards@example.com', 'ADMIN');
  });

  afterAll(async () => {
    for (const client of clients) await client.dispose();
    await server?.stop();
    await db?.drop();
  });

  it('is disconnected once its backlog passes the limit, and never delays the others', async () => {
    const [ids] = await storeWizards(db.dataSource, [sessionWizards.branch]);
    const session = new SessionDriver(server, ids, admin.headers);
    await session.start();
    // A heavy activity row, published again and again as if many such changes happened.
    const [row] = await db.dataSource.query(
      `INSERT INTO wizard_session_activity_log (session_id, wizard_id, user_id, activity_type, activity_details)
       VALUES ($1, $2, $3, 'STEP_COMPLETED', $4) RETURNING log_id AS id`,
      [session.id, ids.wizardId, admin.id, { note: 'x'.repeat(DETAIL_BYTES) }],
    );

    const stalled = await stalledSubscriber(server.port, admin.token, ids.wizardId);
    const streams = Array.from({ length: NORMAL_CLIENTS }, () => {
      const client = subscriptionClient(server.port, { authorization: `Bearer ${admin.token}` });
      clients.push(client);
      return new Stream(client, ACTIVITY, { id: String(ids.wizardId) });
    });
    await listening(NORMAL_CLIENTS + 1);

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
      if (droppedAfter === null && sessionEvents.listenerCount() === NORMAL_CLIENTS)
        droppedAfter = sent;
    }

    expect(droppedAfter).not.toBeNull();
    expect(droppedAfter!).toBeLessThan(EVENTS);
    for (const stream of streams) {
      expect(stream.events).toHaveLength(EVENTS);
      expect(stream.error).toBeNull();
      expect(stream.done).toBe(false);
    }
    expect(logLines.filter((line) => line.includes('slow subscriber dropped'))).toHaveLength(1);
    expect(logLines.join('')).toContain(`over ${MAX_BACKLOG} waiting events`);
    // Reading again, the client finds its connection ended without a closing handshake.
    stalled.resume();
    expect(await stalled.closed).toBe(1006);
  });
});

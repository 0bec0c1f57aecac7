import { subscriptionClient } from '../helpers/subscriptions';
import WebSocket from 'ws';
import { sessionWizards } from '../fixtures/session-wizards';
import { sessionEvents } from '../../src/events/session-events';
import { registerAccount, type TestAccount } from '../helpers/accounts';
import { SessionDriver, storeWizards, type WizardIds } from '../helpers/sessions';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { startTestServer, type TestServer } from '../helpers/test-server';

type AnyData = Record<string, any>;

/** What a raw socket saw, in order: a message (parsed JSON) or the close. */
type Frame = { message: AnyData } | { close: { code: number; reason: string } };

const PROTOCOL = 'graphql-transport-ws';
const PROGRESS = `subscription($id: ID!) { sessionProgress(sessionId: $id) { type version } }`;
const WIZARD_ACTIVITY = `subscription($id: ID!) { wizardActivity(wizardId: $id) { id } }`;
const ME = '{ me { id } }';

/**
 * A WebSocket with nothing of graphql-ws' client in between: the test writes the exact messages
 * and reads every frame the server sends, including how (and whether) it closes.
 */
class RawSocket {
  private readonly frames: Frame[] = [];
  private waiters: (() => void)[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: WebSocket.RawData) => {
      this.push({ message: JSON.parse(rawText(data)) as AnyData });
    });
    ws.on('close', (code: number, reason: Buffer) => {
      this.push({ close: { code, reason: reason.toString() } });
    });
  }

  /** Opens a socket to the server's /graphql, offering the given subprotocols. */
  static async open(server: TestServer, protocols: string[] = [PROTOCOL]): Promise<RawSocket> {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/graphql`, protocols);
    const socket = new RawSocket(ws);
    opened.push(socket);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    return socket;
  }

  private push(frame: Frame) {
    this.frames.push(frame);
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  /** The next frame the server sent (waits for it). */
  async next(): Promise<Frame> {
    while (this.frames.length === 0)
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    return this.frames.shift()!;
  }

  send(message: AnyData | string) {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** connection_init, and the server's connection_ack. */
  async init(payload?: AnyData): Promise<void> {
    this.send(payload ? { type: 'connection_init', payload } : { type: 'connection_init' });
    expect(await this.next()).toEqual({ message: { type: 'connection_ack' } });
  }

  subscribe(id: string, query: string, variables?: AnyData) {
    this.send({ id, type: 'subscribe', payload: { query, variables } });
  }

  /** Closes from our side and waits until the socket is closed. */
  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    const closed = new Promise((resolve) => this.ws.once('close', resolve));
    this.ws.close(1000);
    await closed;
  }
}

/** Every socket a test opened, closed after each test. */
const opened: RawSocket[] = [];

function rawText(data: WebSocket.RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString();
  return Buffer.from(data as ArrayBuffer).toString();
}

/** Ends the polls of a test that failed (a timed-out poll would keep jest from exiting). */
let polls = new AbortController();

/** Waits until the server has `count` open event streams (published events reach them). */
async function listenersReach(count: number): Promise<void> {
  const { signal } = polls;
  while (sessionEvents.listenerCount() !== count) {
    signal.throwIfAborted();
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('graphql-transport-ws close codes and errors on /graphql', () => {
  let db: TestDatabase;
  let server: TestServer;
  let ids: WizardIds;
  let owner: TestAccount;
  let other: TestAccount;
  /** A session of `owner`'s. */
  let ownSession: SessionDriver;
  /** A session of `other`'s. */
  let othersSession: SessionDriver;

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startTestServer(db.dataSource);
    [ids] = await storeWizards(db.dataSource, [sessionWizards.branch]);
    owner = await registerAccount(server, db.dataSource, 'protocol-owner@example.com');
    other = await registerAccount(server, db.dataSource, 'protocol-other@example.com');
    ownSession = new SessionDriver(server, ids, owner.headers);
    await ownSession.start();
    othersSession = new SessionDriver(server, ids, other.headers);
    await othersSession.start();
  });

  afterEach(async () => {
    polls.abort();
    polls = new AbortController();
    for (const socket of opened.splice(0)) await socket.close();
  });

  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });

  describe('protocol violations close the socket', () => {
    it('4400 Bad Request: a subscribe without a query, a message that is not JSON, an unknown type', async () => {
      const noQuery = await RawSocket.open(server);
      await noQuery.init();
      noQuery.send({ id: '1', type: 'subscribe', payload: { variables: {} } });
      expect(await noQuery.next()).toEqual({
        close: { code: 4400, reason: 'Invalid message received' },
      });

      const notJson = await RawSocket.open(server);
      await notJson.init();
      notJson.send('{"type": "subscribe", ');
      expect(await notJson.next()).toEqual({
        close: { code: 4400, reason: 'Invalid message received' },
      });

      const unknownType = await RawSocket.open(server);
      unknownType.send({ type: 'start', id: '1', payload: { query: ME } });
      expect(await unknownType.next()).toEqual({
        close: { code: 4400, reason: 'Invalid message received' },
      });
    });

    it('4401 Unauthorized: a subscribe before connection_init', async () => {
      const socket = await RawSocket.open(server);
      socket.subscribe('1', ME);
      expect(await socket.next()).toEqual({ close: { code: 4401, reason: 'Unauthorized' } });
    });

    it('4403 Forbidden: connection_init with a bad bearer token or a garbage API key', async () => {
      const badBearer = await RawSocket.open(server);
      badBearer.send({
        type: 'connection_init',
        payload: { authorization: 'Bearer not-a-jwt' },
      });
      expect(await badBearer.next()).toEqual({ close: { code: 4403, reason: 'Forbidden' } });

      // A token signed with another secret is no better than garbage.
      const [header, body] = owner.token.split('.');
      const forged = await RawSocket.open(server);
      forged.send({
        type: 'connection_init',
        payload: { authorization: `Bearer ${header}.${body}.c2lnbmF0dXJl` },
      });
      expect(await forged.next()).toEqual({ close: { code: 4403, reason: 'Forbidden' } });

      // What graphql-ws' own client reports: the close event, not an operation error.
      const client = subscriptionClient(server.port, { apiKey: 'mwp_garbage-key' });
      try {
        const refused = await client
          .iterate({ query: ME })
          .next()
          .then(
            (result) => ({ result }),
            (error: { code?: number; reason?: string }) => ({
              code: error.code,
              reason: error.reason,
            }),
          );
        expect(refused).toEqual({ code: 4403, reason: 'Forbidden' });
      } finally {
        await client.dispose();
      }
    });

    it('4409 Subscriber already exists: a second subscribe with the id of a live one', async () => {
      const before = sessionEvents.listenerCount();
      const socket = await RawSocket.open(server);
      await socket.init({ authorization: `Bearer ${owner.token}` });
      socket.subscribe('progress', PROGRESS, { id: ownSession.id });
      await listenersReach(before + 1);
      socket.subscribe('progress', PROGRESS, { id: ownSession.id });
      expect(await socket.next()).toEqual({
        close: { code: 4409, reason: 'Subscriber for progress already exists' },
      });
    });

    it('4429 Too many initialisation requests: a second connection_init', async () => {
      const socket = await RawSocket.open(server);
      await socket.init();
      socket.send({ type: 'connection_init' });
      expect(await socket.next()).toEqual({
        close: { code: 4429, reason: 'Too many initialisation requests' },
      });
    });

    it('4408 Connection initialisation timeout: no connection_init in time', async () => {
      // graphql-ws' default wait (3 s, the server sets none) runs on setTimeout: the test fakes
      // only setTimeout while the socket opens, then fires the timers that are due instead of
      // waiting for them.
      jest.useFakeTimers({
        doNotFake: [
          'Date',
          'hrtime',
          'nextTick',
          'performance',
          'queueMicrotask',
          'setImmediate',
          'clearImmediate',
          'setInterval',
          'clearInterval',
        ],
      });
      let socket: RawSocket;
      try {
        socket = await RawSocket.open(server);
        // The server armed its timer when the upgrade completed, before our 'open' event.
        jest.advanceTimersByTime(3_000);
      } finally {
        jest.useRealTimers();
      }
      // Had no timer closed it, the socket would still answer a ping with a pong.
      socket.send({ type: 'ping' });
      expect(await socket.next()).toEqual({
        close: { code: 4408, reason: 'Connection initialisation timeout' },
      });
    });

    it('4406 Subprotocol not acceptable: a socket without graphql-transport-ws', async () => {
      // No subprotocol offered: the upgrade succeeds, then graphql-ws closes the socket.
      const none = await RawSocket.open(server, []);
      expect(none.ws.protocol).toBe('');
      expect(await none.next()).toEqual({
        close: { code: 4406, reason: 'Subprotocol not acceptable' },
      });

      // Only the legacy subscriptions-transport-ws protocol: the server picks none, which a
      // client that asked for one refuses as a failed handshake.
      const legacy = new WebSocket(`ws://127.0.0.1:${server.port}/graphql`, ['graphql-ws']);
      const outcome = await new Promise<AnyData>((resolve) => {
        const seen: AnyData = {};
        legacy.once('upgrade', (response) => {
          seen.status = response.statusCode;
          seen.protocol = response.headers['sec-websocket-protocol'] ?? null;
        });
        legacy.once('error', (error) => (seen.error = error.message));
        legacy.once('close', (code) => resolve({ ...seen, code }));
      });
      expect(outcome).toEqual({
        status: 101,
        protocol: null,
        error: 'Server sent no subprotocol',
        code: 1006,
      });
    });
  });

  describe('bad subscriptions are answered on a socket that stays open', () => {
    /** The frames of one operation, up to its complete or error. */
    async function answer(socket: RawSocket, id: string): Promise<AnyData[]> {
      const frames: AnyData[] = [];
      for (;;) {
        const frame = await socket.next();
        if (!('message' in frame)) throw new Error(`closed: ${JSON.stringify(frame)}`);
        expect(frame.message.id).toBe(id);
        frames.push(frame.message);
        if (frame.message.type !== 'next') return frames;
      }
    }

    /** The error codes of an operation that failed when subscribing. */
    async function codesOf(socket: RawSocket, id: string, query: string, variables?: AnyData) {
      socket.subscribe(id, query, variables);
      const frames = await answer(socket, id);
      return frames.map((frame) => ({
        type: frame.type,
        codes: (Array.isArray(frame.payload) ? frame.payload : frame.payload?.errors)?.map(
          (error: AnyData) => error.extensions?.code,
        ),
      }));
    }

    async function stillWorks(socket: RawSocket, viewerId: string | null) {
      socket.subscribe('me', ME);
      expect(await answer(socket, 'me')).toEqual([
        { id: 'me', type: 'next', payload: { data: { me: viewerId && { id: viewerId } } } },
        { id: 'me', type: 'complete' },
      ]);
    }

    it('refusals while subscribing: NOT_FOUND, BAD_USER_INPUT, FORBIDDEN', async () => {
      const socket = await RawSocket.open(server);
      await socket.init({ authorization: `Bearer ${owner.token}` });
      expect(await codesOf(socket, 'unknown', PROGRESS, { id: '999999' })).toEqual([
        { type: 'next', codes: ['NOT_FOUND'] },
        { type: 'complete' },
      ]);
      expect(await codesOf(socket, 'others', PROGRESS, { id: othersSession.id })).toEqual([
        { type: 'next', codes: ['NOT_FOUND'] },
        { type: 'complete' },
      ]);
      expect(await codesOf(socket, 'malformed', PROGRESS, { id: 'abc' })).toEqual([
        { type: 'next', codes: ['BAD_USER_INPUT'] },
        { type: 'complete' },
      ]);
      expect(await codesOf(socket, 'activity', WIZARD_ACTIVITY, { id: ids.wizardId })).toEqual([
        { type: 'next', codes: ['FORBIDDEN'] },
        { type: 'complete' },
      ]);
      expect(socket.ws.readyState).toBe(WebSocket.OPEN);
      await stillWorks(socket, owner.id);
      await socket.close();
    });

    it("an anonymous connection subscribing to a user's session", async () => {
      const socket = await RawSocket.open(server);
      await socket.init();
      expect(await codesOf(socket, 'anonymous', PROGRESS, { id: ownSession.id })).toEqual([
        { type: 'next', codes: ['UNAUTHENTICATED'] },
        { type: 'complete' },
      ]);
      await stillWorks(socket, null);
      await socket.close();
    });

    it('documents that do not validate or parse: an error message', async () => {
      const socket = await RawSocket.open(server);
      await socket.init({ authorization: `Bearer ${owner.token}` });
      expect(
        await codesOf(
          socket,
          'invalid',
          'subscription { sessionProgress(sessionId: "1") { nope } }',
        ),
      ).toEqual([{ type: 'error', codes: ['GRAPHQL_VALIDATION_FAILED'] }]);
      expect(await codesOf(socket, 'unparsable', 'subscription { sessionProgress(')).toEqual([
        { type: 'error', codes: ['GRAPHQL_PARSE_FAILED'] },
      ]);
      await stillWorks(socket, owner.id);
      await socket.close();
    });
  });

  it('answers a subscription sent over HTTP with an error naming graphql-ws', async () => {
    const response = await server.graphql(PROGRESS, { id: ownSession.id }, owner.headers);
    expect(response.status).toBe(400);
    expect(response.body.data ?? null).toBeNull();
    expect(response.body.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    expect(response.body.errors?.[0]?.message).toMatch(/graphql-ws/);
  });

  describe('live streams end with their operation', () => {
    // KNOWN BUG, this test fails until it is fixed in src/resolvers/sessions/
    // subscription.resolver.ts: checkedStream() is an async generator that waits inside for the
    // next event, and an async generator's return() waits for that too. So graphql-ws' return()
    // on `complete` or on close only takes effect at the next event of the session: until then
    // the stream keeps its listener (and graphql-ws its onComplete/onClose), and that event then
    // costs a credential check and a load for a client that is gone.
    it('ends the stream the client completes, and the rest when the socket closes', async () => {
      const before = sessionEvents.listenerCount();
      const socket = await RawSocket.open(server);
      await socket.init({ authorization: `Bearer ${owner.token}` });
      socket.subscribe('completed', PROGRESS, { id: ownSession.id });
      socket.subscribe('dropped', PROGRESS, { id: ownSession.id });
      await listenersReach(before + 2);
      socket.send({ id: 'completed', type: 'complete' });
      await listenersReach(before + 1);
      await socket.close();
      await listenersReach(before);
    });
  });
});

import { Agent, request as httpRequest } from 'node:http';
import { connect, type Socket } from 'node:net';
import { Client as PgClient } from 'pg';
import { guestWizard } from '../fixtures/session-wizards';
import { freePort } from '../helpers/free-port';
import { spawnServer, type ServerProcess } from '../helpers/server-process';
import { storeWizards } from '../helpers/sessions';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { startTestServer } from '../helpers/test-server';

const READY = /"msg":"server ready"/;
const START = `mutation($input: StartSessionInput!) { startSession(input: $input) { sessionToken session { id } } }`;
const WIZARD = `query($key: String!) { wizard(key: $key) { key totalSteps } }`;

interface Outcome {
  status?: number;
  connection?: string;
  body?: any;
  error?: string;
}

/** One POST on its own keep-alive connection: `sent` once the request left, then its outcome. */
function send(agent: Agent, port: number, query: string, variables: object) {
  const body = JSON.stringify({ query, variables });
  let sent!: () => void;
  const written = new Promise<void>((resolve) => (sent = resolve));
  const outcome = new Promise<Outcome>((resolve) => {
    const req = httpRequest(
      {
        agent,
        host: '127.0.0.1',
        port,
        path: '/graphql',
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode,
            connection: res.headers.connection,
            body: JSON.parse(text),
          }),
        );
        res.on('error', (error) => resolve({ error: error.message }));
      },
    );
    req.on('error', (error) => resolve({ error: error.message }));
    req.on('finish', sent);
    req.end(body);
  });
  return { written, outcome };
}

/** A connection that made one request and now sits idle (keep-alive) when shutdown begins. */
async function idleKeepAlive(port: number): Promise<{ socket: Socket; ended: Promise<string> }> {
  const socket = connect(port, '127.0.0.1');
  let received = '';
  const answered = new Promise<void>((resolve) =>
    socket.on('data', (chunk) => {
      received += chunk.toString();
      if (received.includes('"status"')) resolve();
    }),
  );
  const ended = new Promise<string>((resolve) => {
    socket.once('end', () => resolve('closed by the server'));
    socket.once('error', (error) => resolve(`error: ${error.message}`));
  });
  socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n');
  await answered;
  return { socket, ended };
}

/** Polls PostgreSQL until the server's statements wait for the lock (requests are in flight). */
async function waitForLockWaiter(blocker: PgClient): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt++) {
    const { rows } = await blocker.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    if (rows[0].n > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('no request ever waited for the lock');
}

describe('SIGTERM with requests in flight', () => {
  const REQUESTS = 40;
  const POOL = 10;
  let db: TestDatabase;
  let server: ServerProcess | undefined;
  let blocker: PgClient | undefined;
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity });

  beforeAll(async () => {
    db = await createTestDatabase();
    await storeWizards(db.dataSource, [guestWizard]);
  });
  afterAll(async () => {
    agent.destroy();
    await blocker?.end().catch(() => undefined);
    await server?.stop('SIGKILL');
    await db?.drop();
  });

  it('answers every request sent before the signal, loses no committed startSession, and exits 0', async () => {
    const port = await freePort();
    server = spawnServer({
      DATABASE_URL: db.url,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      DEMO_DATA: 'false',
      JWT_SECRET: 'shutdown-test-secret-shutdown-test-secret',
      ANALYTICS_ROLLUP_INTERVAL_SECONDS: '0',
      DB_POOL_SIZE: String(POOL),
      // Requests queue for the pool and wait on the lock below for as long as the test holds it.
      DB_CONNECT_TIMEOUT_MS: '120000',
      DB_STATEMENT_TIMEOUT_MS: '120000',
      SHUTDOWN_TIMEOUT_MS: '60000',
    });
    await server.waitForOutput(READY, 60_000);
    const idle = await idleKeepAlive(port);

    // Every request touching the wizards table now waits in PostgreSQL (or for a pooled
    // connection) until the test lets go: they are in flight when the signal arrives.
    blocker = new PgClient({ connectionString: db.url });
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE wizards IN ACCESS EXCLUSIVE MODE');
    const requests = Array.from({ length: REQUESTS }, (_, i) =>
      i % 2 === 0
        ? { kind: 'start', ...send(agent, port, START, { input: { wizardKey: guestWizard.key } }) }
        : { kind: 'read', ...send(agent, port, WIZARD, { key: guestWizard.key }) },
    );
    await Promise.all(requests.map((r) => r.written));
    await waitForLockWaiter(blocker);

    server.child.kill('SIGTERM');
    await server.waitForOutput(/"msg":"shutting down"/);
    await blocker.query('ROLLBACK');
    await blocker.end();
    blocker = undefined;

    const outcomes = await Promise.all(requests.map((r) => r.outcome));
    expect(outcomes.filter((o) => o.error)).toEqual([]);
    expect(outcomes.map((o) => o.status)).toEqual(requests.map(() => 200));
    expect(outcomes.filter((o) => o.body?.errors)).toEqual([]);
    // Each response says the connection closes (the server is going away).
    expect(outcomes.map((o) => o.connection)).toEqual(requests.map(() => 'close'));

    const started = outcomes
      .filter((_, i) => requests[i].kind === 'start')
      .map((o) => String(o.body.data.startSession.session.id));
    expect(started).toHaveLength(REQUESTS / 2);
    const rows = await db.dataSource.query<{ id: string }[]>(
      'SELECT session_id::text AS id FROM wizard_user_sessions',
    );
    expect(rows.map((r) => r.id).sort()).toEqual([...started].sort());
    for (const o of outcomes.filter((_, i) => requests[i].kind === 'read'))
      expect(o.body.data.wizard.key).toBe(guestWizard.key);

    // The idle keep-alive connection was closed by the server, not reset.
    expect(await idle.ended).toBe('closed by the server');
    idle.socket.destroy();
    expect(await server.exited).toBe(0);
    expect(server.stdout()).toContain('shutdown complete');
  }, 120_000);
});

describe('a request read after shutdown began', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('gets 503 from /readyz with Connection: close, and the server still stops', async () => {
    const server = await startTestServer(db.dataSource, { SHUTDOWN_TIMEOUT_MS: '30000' });
    let serverSide: Socket | undefined;
    server.httpServer.once('connection', (socket: Socket) => (serverSide = socket));
    const client = connect(server.port, '127.0.0.1');
    let answer = '';
    client.on('data', (chunk) => (answer += chunk.toString()));
    const ended = new Promise<void>((resolve) => client.once('end', resolve));
    // Headers begun but not finished: the server holds a request it cannot run yet.
    const head = 'GET /readyz HTTP/1.1\r\nHost: localhost\r\n';
    client.write(head);
    while ((serverSide?.bytesRead ?? 0) < head.length)
      await new Promise((resolve) => setImmediate(resolve));

    const stopped = server.stop();
    await new Promise((resolve) => setImmediate(resolve));
    client.write('\r\n');
    await ended;
    await stopped;

    expect(answer).toMatch(/^HTTP\/1\.1 503 /);
    expect(answer.toLowerCase()).toContain('connection: close');
  });
});

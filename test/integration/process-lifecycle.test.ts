import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { LARGE_SHAPE } from '../fixtures/generated-wizards';
import { insertGeneratedWizards } from '../helpers/fixtures';
import { freePort } from '../helpers/free-port';
import { killLeftoverPostgres, spawnServer, type ServerProcess } from '../helpers/server-process';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

const READY = /"msg":"server ready"/;

async function post(port: number, query: string, variables?: Record<string, unknown>) {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as any };
}

describe('zero-setup start on the embedded database', () => {
  let dataDir: string;
  let server: ServerProcess | undefined;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'mwp-lifecycle-'));
  });
  afterAll(async () => {
    await server?.stop('SIGTERM');
    killLeftoverPostgres(dataDir);
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function start(settings: Record<string, string> = {}) {
    const port = await freePort();
    const env = {
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      EMBEDDED_DB_PORT: String(await freePort()),
      LOG_LEVEL: 'info',
      ...settings,
    };
    // A test that failed before stopping its server must not leave it running.
    await server?.stop('SIGTERM');
    server = spawnServer(env);
    await server.waitForOutput(READY, 90_000);
    return port;
  }

  it('initialises, migrates, loads the demo data, prints the URL and accounts, and stops on SIGTERM', async () => {
    const port = await start();
    expect(server!.stdout()).toContain(`http://127.0.0.1:${port}/graphql`);
    expect(server!.stdout()).toMatch(/Demo ADMIN: \S+@\S+ \/ \S+/);
    expect(server!.stdout()).toMatch(/Demo USER: \S+@\S+ \/ \S+/);
    expect(server!.stdout()).toContain(
      `Database: embedded PostgreSQL (data in ${join(dataDir, 'postgres')})`,
    );
    expect(server!.stdout()).toContain('open it in a browser for GraphiQL');
    const { body } = await post(port, '{ wizards { edges { node { key } } } }');
    expect(body.data.wizards.edges.map((e: any) => e.node.key)).toEqual(
      expect.arrayContaining(['laptop_configurator', 'event_creation']),
    );
    expect(await server!.stop('SIGTERM')).toBe(0);
    expect(server!.stdout()).toContain('shutdown complete');
  }, 120_000);

  it('keeps its data across a restart without seeding twice', async () => {
    const port = await start({ GRAPHQL_IDE: 'false' });
    expect(server!.stdout()).not.toContain('demo data loaded');
    // The IDE is off: the banner does not offer it.
    expect(server!.stdout()).toContain(`GraphQL API: http://127.0.0.1:${port}/graphql`);
    expect(server!.stdout()).not.toContain('GraphiQL');
    const { body } = await post(port, '{ wizards(first: 100) { edges { node { key } } } }');
    const keys: string[] = body.data.wizards.edges.map((e: any) => e.node.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toContain('laptop_configurator');
    expect(await server!.stop('SIGINT')).toBe(0);
  }, 120_000);
});

describe('start-up with a bad configuration', () => {
  it('stops with a message naming the variable and no stack trace', async () => {
    const server = spawnServer({ PORT: 'not-a-port', DATABASE_URL: 'mysql://nope' });
    expect(await server.exited).toBe(1);
    expect(server.stderr()).toContain('PORT');
    expect(server.stderr()).toContain('DATABASE_URL');
    expect(server.stderr()).not.toMatch(/^\s+at /m);
  }, 60_000);
});

describe('graceful shutdown with DATABASE_URL', () => {
  let db: TestDatabase;
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    db = await createTestDatabase();
    await insertGeneratedWizards(db.dataSource, 20, LARGE_SHAPE);
  });
  afterAll(async () => {
    await server?.stop('SIGKILL');
    await db?.drop();
  });

  it('finishes the request in flight, closes WebSockets with 1001 and exits 0', async () => {
    const port = await freePort();
    server = spawnServer({
      DATABASE_URL: db.url,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'debug',
      JWT_SECRET: 'lifecycle-test-secret-lifecycle-test-secret',
    });
    await server.waitForOutput(READY, 60_000);

    let connected!: () => void;
    const isConnected = new Promise<void>((resolve) => (connected = resolve));
    const closed = new Promise<number>((resolve) => {
      createClient({
        url: `ws://127.0.0.1:${port}/graphql`,
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        lazy: false,
        // The server going away is expected here, not an error to report.
        onNonLazyError: () => undefined,
        on: { connected, closed: (event) => resolve((event as { code: number }).code) },
      });
    });
    await isConnected;
    // A large nested read (20 × 10 × 5 × 8) is running when the signal arrives.
    const inFlight = post(
      port,
      '{ wizards(first: 20) { edges { node { steps { optionSets { options { id price } } } } } } }',
    );
    await server.waitForOutput(/"msg":"graphql request started"/);
    server.child.kill('SIGTERM');

    const { status, body } = await inFlight;
    expect(status).toBe(200);
    expect(body.data.wizards.edges).toHaveLength(20);
    expect(await closed).toBe(1001);
    expect(await server.exited).toBe(0);
    expect(server.stdout()).toContain('shutdown complete');
  }, 90_000);
});

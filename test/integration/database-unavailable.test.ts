import { createClient, type Client } from 'graphql-ws';
import { DataSource } from 'typeorm';
import WebSocket from 'ws';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { registerAccount, type TestAccount } from '../helpers/accounts';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { TEST_DB_CONFIG } from '../helpers/test-database-url';
import { startTestServer, type TestServer } from '../helpers/test-server';

const WIZARDS = '{ wizards { edges { node { key } } } }';
const ME = '{ me { id } }';
const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { token } }`;

/** A graphql-ws client; `keepOpen` holds one connection for every operation (not lazy). */
function wsClient(
  port: number,
  options: {
    connectionParams?: Record<string, unknown>;
    keepOpen?: boolean;
    onClose?: (code: number) => void;
  } = {},
) {
  return createClient({
    url: `ws://127.0.0.1:${port}/graphql`,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: options.connectionParams,
    lazy: !options.keepOpen,
    onNonLazyError: () => undefined,
    on: { closed: (event) => options.onClose?.((event as { code: number }).code) },
  });
}

/** Runs one operation over graphql-ws and returns the first result's errors (or the error). */
async function overWebSocket(client: Client, query: string) {
  try {
    for await (const result of client.iterate({ query })) return result.errors ?? [];
  } catch (error) {
    return error as { extensions?: Record<string, unknown> }[];
  }
  return [];
}

async function post(server: TestServer, query: string, body: object = {}, headers = {}) {
  const response = await fetch(`http://127.0.0.1:${server.port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, ...body }),
  });
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: (await response.json()) as {
      data?: unknown;
      errors?: { message: string; extensions?: Record<string, unknown> }[];
    },
  };
}

function expectUnavailable(response: Awaited<ReturnType<typeof post>>) {
  expect(response.status).toBe(503);
  expect(Number(response.retryAfter)).toBeGreaterThan(0);
  expect(response.body.errors?.map((e) => e.extensions?.code)).toEqual(
    response.body.errors?.map(() => 'SERVICE_UNAVAILABLE'),
  );
  expect(response.body.errors?.length).toBeGreaterThan(0);
  expect(JSON.stringify(response.body)).not.toMatch(/ECONNREFUSED|terminated|127\.0\.0\.1/);
}

describe('PostgreSQL unreachable', () => {
  let db: TestDatabase;
  let proxy: TcpProxy;
  let proxied: DataSource;
  let server: TestServer;
  let account: TestAccount;
  let client: Client;
  let signedIn: Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    const url = new URL(db.url);
    proxy = await startTcpProxy(url.hostname, Number(url.port || 5432));
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    // The server's pool reaches PostgreSQL only through the proxy; a short wait for a connection.
    proxied = new DataSource(
      dataSourceOptions(url.toString(), { ...TEST_DB_CONFIG, dbConnectTimeoutMs: 2_000 }),
    );
    await proxied.initialize();
    server = await startTestServer(proxied);
    account = await registerAccount(server, db.dataSource, 'down@example.com');
    client = wsClient(server.port);
    signedIn = wsClient(server.port, {
      connectionParams: { authorization: `Bearer ${account.token}` },
      keepOpen: true,
    });
    // Connected (credentials checked) while the database is there.
    expect(await overWebSocket(signedIn, ME)).toEqual([]);
  });
  afterAll(async () => {
    await client?.dispose();
    await signedIn?.dispose();
    await server?.stop();
    if (proxied?.isInitialized) await proxied.destroy();
    await proxy?.close();
    await db?.drop();
  });

  it('answers normally while the database is there', async () => {
    const response = await post(server, WIZARDS);
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
  });

  describe('while the connection is cut', () => {
    beforeAll(() => proxy.cut());

    it('answers a query with 503, Retry-After and SERVICE_UNAVAILABLE', async () => {
      expectUnavailable(await post(server, WIZARDS));
    });

    it('answers a mutation the same way', async () => {
      const variables = { input: { email: 'down@example.com', password: 'a long password' } };
      expectUnavailable(await post(server, LOGIN, { variables }));
    });

    it('answers an authenticated request (the credential check needs the database) the same way', async () => {
      expectUnavailable(await post(server, ME, {}, account.headers));
    });

    it('gives the same code over graphql-ws', async () => {
      const errors = await overWebSocket(client, WIZARDS);
      expect(errors.map((e) => e.extensions?.code)).toEqual(['SERVICE_UNAVAILABLE']);
    });

    it('answers an operation of a signed-in connection with it, without closing it as forbidden', async () => {
      const errors = await overWebSocket(signedIn, ME);
      expect(errors.map((e) => e.extensions?.code)).toEqual(['SERVICE_UNAVAILABLE']);
    });

    it('closes a new signed-in connection with 1013 (try again later), not 4403', async () => {
      let closed!: (code: number) => void;
      const code = new Promise<number>((resolve) => (closed = resolve));
      const fresh = wsClient(server.port, {
        connectionParams: { authorization: `Bearer ${account.token}` },
        onClose: closed,
      });
      void overWebSocket(fresh, WIZARDS);
      expect(await code).toBe(1013);
      await fresh.dispose();
    });

    it('says the instance is not ready', async () => {
      const response = await fetch(`http://127.0.0.1:${server.port}/readyz`);
      expect(response.status).toBe(503);
    });
  });

  describe('once the connection is back', () => {
    beforeAll(() => proxy.restore());

    it('serves queries, mutations and authenticated requests again', async () => {
      const wizards = await post(server, WIZARDS);
      expect(wizards.status).toBe(200);
      expect(wizards.body.errors).toBeUndefined();
      const me = await post(server, ME, {}, account.headers);
      expect(me.body).toEqual({ data: { me: { id: account.id } } });
      const login = await post(server, LOGIN, {
        variables: { input: { email: 'down@example.com', password: 'a long password' } },
      });
      expect(login.status).toBe(200);
      expect(login.body.errors).toBeUndefined();
    });

    it('serves graphql-ws operations again', async () => {
      expect(await overWebSocket(client, WIZARDS)).toEqual([]);
      expect(await overWebSocket(signedIn, ME)).toEqual([]);
    });
  });
});

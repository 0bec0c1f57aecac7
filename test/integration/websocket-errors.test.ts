import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { startTestServer, type TestServer } from '../helpers/test-server';

interface Outcome {
  results: { errors?: readonly { message: string; extensions?: Record<string, unknown> }[] }[];
  error?: unknown;
}

/** Runs one operation over graphql-ws and collects what came back. */
async function run(client: Client, query: string, variables?: Record<string, unknown>) {
  const outcome: Outcome = { results: [] };
  try {
    for await (const result of client.iterate({ query, variables })) outcome.results.push(result);
  } catch (error) {
    outcome.error = error;
  }
  return outcome;
}

function clientFor(server: TestServer): Client {
  return createClient({
    url: `ws://127.0.0.1:${server.port}/graphql`,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
  });
}

describe('errors over graphql-ws', () => {
  let db: TestDatabase;
  let server: TestServer;
  let client: Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startTestServer(db.dataSource);
    client = clientFor(server);
  });
  afterAll(async () => {
    await client?.dispose();
    await server?.stop();
    await db?.drop();
  });

  it('reports a document validation error with GRAPHQL_VALIDATION_FAILED', async () => {
    const { error } = await run(client, '{ wizards { nope } }');
    const errors = error as { message: string; extensions?: Record<string, unknown> }[];
    expect(errors[0].message).toContain('nope');
    expect(errors[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('reports a variable of the wrong type with BAD_USER_INPUT', async () => {
    const { results } = await run(
      client,
      'query($first: Int) { wizards(first: $first) { edges { cursor } } }',
      {
        first: 'ten',
      },
    );
    expect(results[0].errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('closes a connection that sends a message over the 1 MB limit', async () => {
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}/graphql`, 'graphql-transport-ws');
    await new Promise((resolve) => socket.once('open', resolve));
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send('x'.repeat((1 << 20) + 10));
    expect(await closed).toBe(1009);
  });
});

describe('unexpected errors over graphql-ws', () => {
  let db: TestDatabase;
  let server: TestServer;
  let client: Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startTestServer(db.dataSource);
    await db.dataSource.destroy();
    client = clientFor(server);
  });
  afterAll(async () => {
    await client?.dispose();
    await server?.stop();
    await db?.drop();
  });

  it('masks them as over HTTP: an error id, no internals', async () => {
    const { results } = await run(client, '{ wizards { edges { node { key } } } }');
    const error = results[0].errors?.[0];
    expect(error?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(error?.extensions?.errorId).toEqual(expect.any(String));
    expect(JSON.stringify(results)).not.toMatch(/SELECT|pool|stack|\.ts:/i);
  });
});

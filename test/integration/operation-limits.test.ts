import { Lexer, Source, TokenKind } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { startTestServer, type TestServer } from '../helpers/test-server';

type Errors = readonly { message: string; extensions?: Record<string, unknown> }[];

/** Runs one operation over graphql-ws; returns the errors it ended with (none: []). */
async function overWs(server: TestServer, query: string): Promise<Errors> {
  const client: Client = createClient({
    url: `ws://127.0.0.1:${server.port}/graphql`,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
  });
  try {
    for await (const result of client.iterate({ query })) {
      if (result.errors) return result.errors as Errors;
    }
    return [];
  } catch (error) {
    return error as Errors;
  } finally {
    await client.dispose();
  }
}

async function overHttp(server: TestServer, query: string): Promise<Errors> {
  const { body } = await server.graphql(query);
  return (body.errors ?? []) as Errors;
}

function tokenCount(query: string): number {
  const lexer = new Lexer(new Source(query));
  let count = 0;
  while (lexer.advance().kind !== TokenKind.EOF) count += 1;
  return count;
}

/** `{ wizards { edges { node { steps { … } } } } }` nested to the given depth. */
function queryOfDepth(depth: number): string {
  const path = ['wizards', 'edges', 'node', 'steps', 'optionSets', 'options', 'dependencies'];
  const fields = path.slice(0, depth - 1);
  return `{ ${fields.map((f) => `${f} {`).join(' ')} __typename ${'}'.repeat(fields.length)} }`;
}

/** graphql-armor does not count aliases of __typename, so these alias a real (cheap) field. */
const aliases = (n: number) =>
  `{ ${Array.from({ length: n }, (_, i) => `a${i}: wizard(key: "none") { id }`).join(' ')} }`;
const directives = (n: number) =>
  `{ ${Array.from({ length: n }, (_, i) => `d${i}: __typename @include(if: true)`).join(' ')} }`;

describe('operation limits (HTTP and WebSocket)', () => {
  let db: TestDatabase;
  const servers: TestServer[] = [];
  const start = async (env: Record<string, string>) => {
    const server = await startTestServer(db.dataSource, env);
    servers.push(server);
    return server;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    for (const server of servers) await server.stop();
    await db?.drop();
  });

  async function expectBoundary(
    server: TestServer,
    atLimit: string,
    pastLimit: string,
    code: string,
    messagePart: RegExp,
  ) {
    for (const send of [overHttp, overWs]) {
      expect(await send(server, atLimit)).toEqual([]);
      const errors = await send(server, pastLimit);
      expect(errors[0]?.extensions?.code).toBe(code);
      expect(errors[0]?.message).toMatch(messagePart);
    }
  }

  it('bounds query depth', async () => {
    const server = await start({ GRAPHQL_MAX_DEPTH: '5' });
    await expectBoundary(
      server,
      queryOfDepth(5),
      queryOfDepth(6),
      'GRAPHQL_VALIDATION_FAILED',
      /depth/i,
    );
  });

  it('bounds aliases', async () => {
    const server = await start({ GRAPHQL_MAX_ALIASES: '15' });
    await expectBoundary(server, aliases(15), aliases(16), 'GRAPHQL_VALIDATION_FAILED', /alias/i);
  });

  it('bounds directives', async () => {
    const server = await start({ GRAPHQL_MAX_DIRECTIVES: '3' });
    await expectBoundary(
      server,
      directives(3),
      directives(4),
      'GRAPHQL_VALIDATION_FAILED',
      /directive/i,
    );
  });

  it('bounds tokens', async () => {
    const atLimit = directives(5);
    const server = await start({ GRAPHQL_MAX_TOKENS: String(tokenCount(atLimit)) });
    const pastLimit = atLimit.replace(/ }$/, ' __typename }');
    expect(tokenCount(pastLimit)).toBe(tokenCount(atLimit) + 1);
    await expectBoundary(server, atLimit, pastLimit, 'GRAPHQL_PARSE_FAILED', /token/i);
  });

  it('bounds cost', async () => {
    const query = queryOfDepth(6);
    const probe = await start({ GRAPHQL_MAX_COST: '1' });
    const [error] = await overHttp(probe, query);
    const cost = Math.ceil(Number(/found (\d+(?:\.\d+)?)/.exec(error.message)?.[1]));
    expect(cost).toBeGreaterThan(1);
    const server = await start({ GRAPHQL_MAX_COST: String(cost) });
    const pastLimit = query.replace('__typename', '__typename __typename2: __typename');
    await expectBoundary(server, query, pastLimit, 'GRAPHQL_VALIDATION_FAILED', /cost/i);
  });

  it('bounds the document size', async () => {
    const server = await start({ GRAPHQL_MAX_DOCUMENT_BYTES: '200' });
    const atLimit = `{ __typename ${' '.repeat(200 - '{ __typename }'.length)}}`;
    expect(Buffer.byteLength(atLimit)).toBe(200);
    const pastLimit = `${atLimit} `;
    expect(await overHttp(server, atLimit)).toEqual([]);
    const response = await server.graphql(pastLimit);
    expect(response.status).toBe(413);
    expect(response.body.errors?.[0].extensions?.code).toBe('BAD_REQUEST');
    expect(await overWs(server, atLimit)).toEqual([]);
    expect((await overWs(server, pastLimit))[0].extensions?.code).toBe('BAD_REQUEST');
  });

  it('bounds the request body', async () => {
    const server = await start({ MAX_REQUEST_BYTES: '2048' });
    const response = await server.graphql('{ __typename }', { padding: 'x'.repeat(4096) });
    expect(response.status).toBe(413);
  });

  it('can turn introspection off', async () => {
    const server = await start({ GRAPHQL_INTROSPECTION: 'false' });
    const query = '{ __schema { queryType { name } } }';
    expect((await overHttp(server, query))[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect((await overWs(server, query))[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(await overHttp(server, '{ __typename }')).toEqual([]);
  });

  it('leaves field suggestions out in production mode only', async () => {
    const typo = '{ wizards { edges { nod { id } } } }';
    const development = await start({ NODE_ENV: 'development' });
    expect((await overHttp(development, typo))[0].message).toMatch(/Did you mean/);
    const production = await start({ NODE_ENV: 'production' });
    for (const send of [overHttp, overWs]) {
      const [error] = await send(production, typo);
      expect(error.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(error.message).not.toMatch(/Did you mean/);
    }
  });
});

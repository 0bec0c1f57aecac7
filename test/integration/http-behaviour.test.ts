import { createClient, type FormattedExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';
import { generateWizard } from '../fixtures/generated-wizards';
import { insertWizards } from '../helpers/fixtures';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { startTestServer, type TestServer } from '../helpers/test-server';

type Result = FormattedExecutionResult<Record<string, any>, unknown>;

const LEAKS = ['stack', 'stacktrace', 'SELECT', 'QueryFailedError', 'node_modules'];
/** Something that looks like a source file path, e.g. /srv/app/src/server.ts or C:\x\y.js. */
const FILE_PATH = /(?:[A-Za-z]:\\|\/)[\w.-]+(?:[\\/][\w.-]+)*\.(?:ts|js|mjs|cjs)\b/;

function expectNoLeak(text: string): void {
  for (const word of LEAKS) expect(text).not.toContain(word);
  expect(text).not.toMatch(FILE_PATH);
  expect(text).not.toMatch(/<html|<!doctype/i);
}

const WIZARDS_QUERY = `
  query List($first: Int) {
    wizards(first: $first) {
      edges { cursor node { id key name totalSteps steps { key optionSets { key options { key price } } } } }
      pageInfo { hasNextPage endCursor }
    }
  }`;

describe('HTTP surface', () => {
  let db: TestDatabase;
  let server: TestServer;
  let origin: string;

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${origin}${path}`, { headers });
  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });

  beforeAll(async () => {
    db = await createTestDatabase();
    await insertWizards(
      db.dataSource,
      [0, 1, 2].map((i) => generateWizard(i, { steps: 2, setsPerStep: 1, optionsPerSet: 3 })),
    );
    server = await startTestServer(db.dataSource);
    origin = `http://127.0.0.1:${server.port}`;
  });
  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });

  describe('health', () => {
    it('answers GET /healthz with 200 {status: "ok"}', async () => {
      const response = await get('/healthz');
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ok' });
    });

    it('answers GET /readyz with 200 while the database is up, and how events travel', async () => {
      const response = await get('/readyz');
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        status: 'ready',
        events: { transport: 'in-process', streams: 0 },
      });
    });

    describe('with the database gone', () => {
      let db2: TestDatabase;
      let server2: TestServer;
      let origin2: string;

      beforeAll(async () => {
        db2 = await createTestDatabase();
        server2 = await startTestServer(db2.dataSource);
        origin2 = `http://127.0.0.1:${server2.port}`;
        await db2.dataSource.destroy();
      });
      afterAll(async () => {
        await server2?.stop();
        await db2?.drop();
      });

      it('answers /readyz with 503', async () => {
        const response = await fetch(`${origin2}/readyz`);
        expect(response.status).toBe(503);
        const body = (await response.json()) as { status: string };
        expect(body.status).toBe('unavailable');
        expectNoLeak(JSON.stringify(body));
      });

      it('still answers /healthz with 200', async () => {
        const response = await fetch(`${origin2}/healthz`);
        expect(response.status).toBe(200);
        expect(await response.json()).toEqual({ status: 'ok' });
      });

      it('masks the failure of a query as INTERNAL_SERVER_ERROR with an error id', async () => {
        const result = await server2.graphql('{ wizards { edges { node { id } } } }');
        const error = result.body.errors?.[0];
        expect(error?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
        expect(error?.extensions?.errorId).toEqual(expect.any(String));
        expect(error?.message).toContain(error?.extensions?.errorId as string);
        expectNoLeak(JSON.stringify(result.body));
        expect(JSON.stringify(result.body)).not.toMatch(/postgres|connection/i);
      });
    });
  });

  describe('request ids', () => {
    it('sets an x-request-id on every response', async () => {
      const health = await get('/healthz');
      expect(health.headers.get('x-request-id')).toMatch(/^[A-Za-z0-9._-]{8,64}$/);
      const graphql = await post(JSON.stringify({ query: '{ __typename }' }));
      expect(graphql.headers.get('x-request-id')).toMatch(/^[A-Za-z0-9._-]{8,64}$/);
      expect(graphql.headers.get('x-request-id')).not.toBe(health.headers.get('x-request-id'));
    });

    it('echoes a well-formed incoming x-request-id', async () => {
      const response = await get('/healthz', { 'x-request-id': 'trace-12345678' });
      expect(response.headers.get('x-request-id')).toBe('trace-12345678');
      const graphql = await post(JSON.stringify({ query: '{ __typename }' }), {
        'x-request-id': 'trace-12345678',
      });
      expect(graphql.headers.get('x-request-id')).toBe('trace-12345678');
    });

    it.each([
      ['with spaces', 'trace 12345678'],
      ['of 200 characters', 'a'.repeat(200)],
      ['too short', 'abc'],
      ['with markup', '<script>alert(1)</script>'],
    ])('replaces a malformed incoming x-request-id %s', async (_what, given) => {
      const response = await get('/healthz', { 'x-request-id': given });
      const id = response.headers.get('x-request-id');
      expect(id).not.toBe(given);
      expect(id).toMatch(/^[A-Za-z0-9._-]{8,64}$/);
    });
  });

  describe('bodies that cannot be read', () => {
    it('answers malformed JSON with 400 and a JSON BAD_REQUEST error', async () => {
      const response = await post('{"query": "{ __typename }"');
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/application\/json/);
      const text = await response.text();
      const body = JSON.parse(text);
      expect(body.errors[0].extensions.code).toBe('BAD_REQUEST');
      expectNoLeak(text);
    });

    it('answers a body over 1 MB with 413 and a JSON error', async () => {
      const padding = 'x'.repeat(1024 * 1024 + 10);
      const response = await post(
        JSON.stringify({ query: '{ __typename }', variables: { padding } }),
      );
      expect(response.status).toBe(413);
      expect(response.headers.get('content-type')).toMatch(/application\/json/);
      const text = await response.text();
      expect(JSON.parse(text).errors[0].extensions.code).toBe('BAD_REQUEST');
      expectNoLeak(text);
    });
  });

  describe('GraphQL request errors', () => {
    async function failing(query: string, variables?: Record<string, unknown>) {
      const response = await post(JSON.stringify({ query, variables }));
      const text = await response.text();
      return { status: response.status, text, body: JSON.parse(text) };
    }

    it('answers a syntax error with 400 GRAPHQL_PARSE_FAILED', async () => {
      const result = await failing('{ wizards(');
      expect(result.status).toBe(400);
      expect(result.body.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
      expectNoLeak(result.text);
    });

    it('answers an unknown field with 400 GRAPHQL_VALIDATION_FAILED', async () => {
      const result = await failing('{ wizards { edges { node { passwordHash } } } }');
      expect(result.status).toBe(400);
      expect(result.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expectNoLeak(result.text);
    });

    it('answers a variable of the wrong type with 400 BAD_USER_INPUT', async () => {
      const result = await failing(WIZARDS_QUERY, { first: 'ten' });
      expect(result.status).toBe(400);
      expect(result.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expectNoLeak(result.text);
    });

    it('answers a resolver input error with 200 and BAD_USER_INPUT, without a stack trace', async () => {
      const result = await failing(WIZARDS_QUERY, { first: 0 });
      expect(result.status).toBe(200);
      expect(result.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expectNoLeak(result.text);
    });
  });

  describe('CSRF prevention and batching', () => {
    const GET_QUERY = `/graphql?query=${encodeURIComponent('{ __typename }')}`;

    it('refuses a GET without content-type or apollo-require-preflight', async () => {
      const response = await get(GET_QUERY);
      expect(response.status).toBe(400);
      const text = await response.text();
      expect(text).toMatch(/Cross-Site Request Forgery|CSRF/i);
      expect(text).not.toContain('"__typename"');
      expectNoLeak(text);
    });

    it('runs the same GET with apollo-require-preflight: 1', async () => {
      const response = await get(GET_QUERY, { 'apollo-require-preflight': '1' });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
    });

    it('refuses a batched POST of two operations with 400', async () => {
      const response = await post(
        JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
      );
      expect(response.status).toBe(400);
      const text = await response.text();
      expect(text).toMatch(/batch/i);
      expect(text).not.toContain('"__typename"');
      expectNoLeak(text);
    });
  });

  describe('GraphQL IDE in a browser', () => {
    const BROWSER = { accept: 'text/html,application/xhtml+xml' };

    it('serves an HTML page for a browser opening /graphql', async () => {
      const response = await get('/graphql', BROWSER);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await response.text()).toMatch(/<html/i);
    });

    it('loads every script and stylesheet from a local path that answers', async () => {
      const html = await (await get('/graphql', BROWSER)).text();
      expect(html).not.toMatch(/https?:\/\//);
      const scripts = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]*)"/gi)].map((m) => m[1]);
      const links = [...html.matchAll(/<link\b[^>]*\bhref="([^"]*)"/gi)].map((m) => m[1]);
      expect(scripts.length).toBeGreaterThan(0);
      expect(links.length).toBeGreaterThan(0);
      for (const path of [...scripts, ...links]) {
        expect(path).toMatch(/^\/(?!\/)/);
        const asset = await get(path);
        expect({ path, status: asset.status }).toEqual({ path, status: 200 });
        expect(asset.headers.get('content-type')).toMatch(/javascript|css/);
        expect((await asset.text()).length).toBeGreaterThan(0);
      }
    });

    it('answers a JSON client on GET /graphql with GraphQL, not the page', async () => {
      const response = await get(`/graphql?query=${encodeURIComponent('{ __typename }')}`, {
        accept: 'application/json',
        'apollo-require-preflight': '1',
      });
      expect(response.headers.get('content-type')).toMatch(/json/);
      expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
    });

    it('does not serve files outside the asset list', async () => {
      const response = await get('/ide/package.json');
      expect(response.status).toBe(404);
    });
  });

  describe('WebSocket', () => {
    it('returns the same data for a query over graphql-ws as over HTTP', async () => {
      const overHttp = await server.graphql(WIZARDS_QUERY, { first: 10 });
      expect(overHttp.body.errors).toBeUndefined();
      expect(overHttp.body.data!.wizards.edges).toHaveLength(3);

      const client = createClient({
        url: `ws://127.0.0.1:${server.port}/graphql`,
        webSocketImpl: WebSocket,
        retryAttempts: 0,
      });
      try {
        const overWs = await new Promise<Result>((resolve, reject) => {
          let last: Result | undefined;
          client.subscribe(
            { query: WIZARDS_QUERY, variables: { first: 10 } },
            {
              next: (value) => {
                last = value;
              },
              error: reject,
              complete: () =>
                last ? resolve(last) : reject(new Error('completed without a result')),
            },
          );
        });
        expect(overWs.errors).toBeUndefined();
        expect(overWs.data).toEqual(overHttp.body.data);
      } finally {
        await client.dispose();
      }
    });

    it('reports an input error over graphql-ws with the same code as over HTTP', async () => {
      const client = createClient({
        url: `ws://127.0.0.1:${server.port}/graphql`,
        webSocketImpl: WebSocket,
        retryAttempts: 0,
      });
      try {
        const results: Result[] = [];
        for await (const result of client.iterate({
          query: WIZARDS_QUERY,
          variables: { first: 0 },
        })) {
          results.push(result);
        }
        expect(results).toHaveLength(1);
        expect(results[0].errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      } finally {
        await client.dispose();
      }
    });
  });
});

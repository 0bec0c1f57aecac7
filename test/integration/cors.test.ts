import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { startTestServer, type TestServer } from '../helpers/test-server';

const SPA = 'http://spa.example.com';
const PARTNER = 'http://partner.example:8080';
const STRANGER = 'http://evil.example';

/** What a browser sends before a cross-origin POST with a bearer token. */
function preflight(server: TestServer, origin: string): Promise<Response> {
  return fetch(server.url, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization,content-type,x-share-token',
    },
  });
}

function postFrom(server: TestServer, origin: string): Promise<Response> {
  return fetch(server.url, {
    method: 'POST',
    headers: { origin, 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
}

function listOf(header: string | null): string[] {
  return (header ?? '').split(',').map((item) => item.trim().toLowerCase());
}

describe('CORS on /graphql', () => {
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

  describe.each([
    ['on', 'true'],
    ['off', 'false'],
  ])('by default, with the IDE %s', (_label, ide) => {
    let server: TestServer;
    beforeAll(async () => {
      server = await start({ GRAPHQL_IDE: ide });
    });

    it('answers a preflight from any origin with every header a client sends', async () => {
      const response = await preflight(server, SPA);
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(listOf(response.headers.get('access-control-allow-methods'))).toContain('post');
      expect(listOf(response.headers.get('access-control-allow-headers'))).toEqual(
        expect.arrayContaining([
          'content-type',
          'authorization',
          'x-api-key',
          'x-session-token',
          'x-share-token',
          'x-request-id',
        ]),
      );
      expect(response.headers.get('access-control-max-age')).toBe('600');
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    });

    it('lets the page read the answer and its request id', async () => {
      const response = await postFrom(server, SPA);
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(listOf(response.headers.get('access-control-expose-headers'))).toEqual(
        expect.arrayContaining(['x-request-id', 'retry-after']),
      );
      expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
    });
  });

  describe('with a list of origins, credentials and a max-age', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await start({
        CORS_ORIGINS: `${SPA}, ${PARTNER}`,
        CORS_CREDENTIALS: 'true',
        CORS_MAX_AGE_SECONDS: '120',
      });
    });

    it.each([SPA, PARTNER])('allows %s by name, with credentials', async (origin) => {
      const response = await preflight(server, origin);
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe(origin);
      expect(response.headers.get('access-control-allow-credentials')).toBe('true');
      expect(response.headers.get('access-control-max-age')).toBe('120');
      expect(listOf(response.headers.get('vary'))).toContain('origin');
      const post = await postFrom(server, origin);
      expect(post.headers.get('access-control-allow-origin')).toBe(origin);
      expect(post.headers.get('access-control-allow-credentials')).toBe('true');
    });

    it('gives an origin not in the list no allow-origin header', async () => {
      const response = await preflight(server, STRANGER);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      // A shared cache must not hand one origin's answer to another.
      expect(listOf(response.headers.get('vary'))).toContain('origin');
      const post = await postFrom(server, STRANGER);
      expect(post.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('still serves the IDE to a browser opening /graphql', async () => {
      const response = await fetch(server.url, { headers: { accept: 'text/html' } });
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    });
  });
});

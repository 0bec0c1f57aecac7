import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { servedWithoutExpress } from '../../src/http/graphql-post';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { startTestServer, type TestServer } from '../helpers/test-server';

/**
 * POST /graphql with a plain JSON body skips Express (src/http/graphql-post.ts). Every answer it
 * gives must be the one the Express chain gives: the same request is sent both ways (with
 * `content-encoding: identity` only Express reads it) and the answers compared.
 */

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

interface Sent {
  body: Buffer;
  headers?: Record<string, string>;
  /** Sent in chunks without a content-length. */
  chunked?: boolean;
}

const ONE_MB = 1024 * 1024;
/** A header that sends the request through Express (body-parser), the path it replaces. */
const BY_EXPRESS = { 'content-encoding': 'identity' };

describe('POST /graphql without Express', () => {
  let db: TestDatabase;
  let server: TestServer;

  function send(path: string, sent: Sent): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        ...(sent.chunked ? {} : { 'content-length': String(sent.body.length) }),
        ...sent.headers,
      };
      const req = httpRequest(
        { host: '127.0.0.1', port: server.port, path, method: 'POST', headers },
        (res: IncomingMessage) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
        },
      );
      req.on('error', reject);
      if (sent.chunked) {
        for (let at = 0; at < sent.body.length; at += 64 * 1024)
          req.write(sent.body.subarray(at, at + 64 * 1024));
        req.end();
      } else req.end(sent.body);
    });
  }

  /** The same request served without Express, and by Express. */
  async function bothWays(text: string, headers: Record<string, string> = {}) {
    const body = Buffer.from(text, 'utf8');
    const lean = await send('/graphql', { body, headers });
    const viaExpress = await send('/graphql', { body, headers: { ...headers, ...BY_EXPRESS } });
    return { lean, viaExpress };
  }

  /** What must match: status, body (error ids aside) and the headers a client reads. */
  function comparable(answer: Answer) {
    const pick = (name: string) => answer.headers[name];
    return {
      status: answer.status,
      body: answer.body.replace(/"errorId":"[^"]+"/g, '"errorId":"…"'),
      contentType: pick('content-type'),
      contentLength: pick('content-length'),
      allowOrigin: pick('access-control-allow-origin'),
      exposeHeaders: pick('access-control-expose-headers'),
      allowCredentials: pick('access-control-allow-credentials'),
      vary: pick('vary'),
      hasRequestId: typeof pick('x-request-id') === 'string',
    };
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startTestServer(db.dataSource);
  });
  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });

  // Every row has all three values: jest would take a missing one as the test's `done` callback.
  // Every row has all three values: jest would take a missing one as the test's `done` callback.
  const cases: [string, string, Record<string, string>][] = [
    ['a query', '{"query":"{ __typename }"}', {}],
    [
      'a query with variables and an operation name',
      '{"query":"query Q($n: Int) { wizards(first: $n) { edges { cursor } } }","variables":{"n":2},"operationName":"Q"}',
      {},
    ],
    ['malformed JSON', '{"query": "{ __typename }"', {}],
    ['a JSON string at the top', '"{ __typename }"', {}],
    ['a JSON number at the top', '42', {}],
    ['an empty body', '', {}],
    ['a body of only whitespace', '   \n', {}],
    ['a batch of two operations', '[{"query":"{ __typename }"},{"query":"{ __typename }"}]', {}],
    ['a body with no query', '{"variables":{}}', {}],
    ['a body that starts with a byte-order mark', '\uFEFF{"query":"{ __typename }"}', {}],
    ['a syntax error', '{"query":"{ wizards( }"}', {}],
    ['an unknown field', '{"query":"{ noSuchField }"}', {}],
    [
      'a variable of the wrong type',
      '{"query":"query Q($n: Int) { wizards(first: $n) { edges { cursor } } }","variables":{"n":"two"}}',
      {},
    ],
    ['a mutation that needs an account, without one', '{"query":"mutation { logout }"}', {}],
    [
      'a bearer token that is not one',
      '{"query":"{ __typename }"}',
      { authorization: 'Bearer not-a-token' },
    ],
    [
      'a page on another origin',
      '{"query":"{ __typename }"}',
      { origin: 'https://elsewhere.example' },
    ],
    [
      "a caller's own request id",
      '{"query":"{ __typename }"}',
      { 'x-request-id': 'trace-abc-123456' },
    ],
    [
      'a document over the size limit',
      JSON.stringify({ query: `{ __typename ${' '.repeat(25_000)}}` }),
      {},
    ],
    [
      'a charset parameter',
      '{"query":"{ __typename }"}',
      { 'content-type': 'application/json; charset=utf-8' },
    ],
  ];

  it.each(cases)('answers %s as Express does', async (_name, text, headers) => {
    const { lean, viaExpress } = await bothWays(text, headers);
    expect(comparable(lean)).toEqual(comparable(viaExpress));
    if (headers['x-request-id']) expect(lean.headers['x-request-id']).toBe('trace-abc-123456');
  });

  it('answers a body over the limit with 413, declared or sent in chunks, as Express does', async () => {
    const body = Buffer.from(
      JSON.stringify({ query: '{ __typename }', variables: { padding: 'x'.repeat(ONE_MB) } }),
    );
    const declared = await send('/graphql', { body });
    const chunked = await send('/graphql', { body, chunked: true });
    const viaExpress = await send('/graphql', { body, headers: BY_EXPRESS });
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body).errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(comparable(chunked)).toEqual(comparable(declared));
    expect(comparable(viaExpress)).toEqual(comparable(declared));
    // The connection is still good for the next request.
    const after = await send('/graphql', { body: Buffer.from('{"query":"{ __typename }"}') });
    expect(after.status).toBe(200);
  });

  it('answers a body sent in chunks under the limit', async () => {
    const body = Buffer.from(
      JSON.stringify({ query: '{ __typename }', variables: { padding: 'x'.repeat(200_000) } }),
    );
    const answer = await send('/graphql', { body, chunked: true });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ data: { __typename: 'Query' } });
  });

  describe('which requests it takes', () => {
    const fake = (method: string, url: string, headers: IncomingHttpHeaders) =>
      ({ method, url, headers }) as IncomingMessage;
    const json = { 'content-type': 'application/json', 'content-length': '10' };

    it('takes a POST of JSON to the path, with or without a query string', () => {
      expect(servedWithoutExpress(fake('POST', '/graphql', json), '/graphql')).toBe(true);
      expect(servedWithoutExpress(fake('POST', '/graphql?x=1', json), '/graphql')).toBe(true);
      const chunked = {
        'content-type': 'Application/JSON; charset="UTF-8"',
        'transfer-encoding': 'chunked',
      };
      expect(servedWithoutExpress(fake('POST', '/graphql', chunked), '/graphql')).toBe(true);
    });

    it('leaves everything else to Express', () => {
      const leaves = [
        fake('GET', '/graphql', json),
        fake('OPTIONS', '/graphql', json),
        fake('POST', '/graphql/', json),
        fake('POST', '/graphqlx', json),
        fake('POST', '/healthz', json),
        fake('POST', '/graphql', { ...json, 'content-type': 'text/plain' }),
        fake('POST', '/graphql', { ...json, 'content-type': 'application/json; charset=latin1' }),
        fake('POST', '/graphql', { ...json, 'content-encoding': 'gzip' }),
        fake('POST', '/graphql', { ...json, 'content-encoding': 'identity' }),
        fake('POST', '/graphql', { 'content-type': 'application/json' }),
      ];
      for (const req of leaves) expect(servedWithoutExpress(req, '/graphql')).toBe(false);
    });
  });
});

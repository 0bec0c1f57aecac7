import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import type { Logger } from 'pino';
import type { OperationLimits } from '../config';
import { BODY_NOT_JSON, BODY_TOO_LARGE } from './body-error-handler';
import { refusedDocument } from './document-size';
import type { HttpDrain } from './http-drain';
import { sendErrors } from './json-errors';
import { assignRequestId } from './request-id';

/** Node's (req, res, next) middleware shape, which the cors package implements. */
type NodeMiddleware = (
  req: IncomingMessage,
  res: ServerResponse,
  next: (error?: unknown) => void,
) => void;

export interface GraphqlPostOptions<TContext extends BaseContext> {
  path: string;
  apollo: ApolloServer<TContext>;
  context: (args: { req: IncomingMessage; res: ServerResponse }) => Promise<TContext>;
  cors: NodeMiddleware;
  drain: HttpDrain;
  limits: OperationLimits;
  logger: Logger;
}

/** What express.json() parses: application/json, in UTF-8 (the default). */
const JSON_CONTENT_TYPE = /^application\/json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

/**
 * POST /graphql with a plain JSON body, served without Express: the same steps as the Express
 * chain in server.ts, in the same order and with the same answers (refusal while shutting down,
 * request id, CORS, the body limit, strict JSON, the document limit, Apollo), without the
 * router, body-parser and integration layers, which cost as much CPU as Apollo itself on every
 * request. Everything else on the path (GET, preflights, other content types or encodings, a
 * longer path) returns false and goes to Express.
 */
export function graphqlPostHandler<TContext extends BaseContext>(
  options: GraphqlPostOptions<TContext>,
): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    if (!servedWithoutExpress(req, options.path)) return false;
    serve(req, res, options).catch((error: unknown) => {
      // Apollo answers every failure of its own; this is the handler's (never sent to the client).
      options.logger.error({ err: error }, 'POST /graphql failed outside GraphQL');
      if (!res.headersSent) sendErrors(res, 500, 'Internal server error', 'INTERNAL_SERVER_ERROR');
      else res.destroy();
    });
    return true;
  };
}

/** Whether graphqlPostHandler takes the request (else Express does). */
export function servedWithoutExpress(req: IncomingMessage, path: string): boolean {
  return req.method === 'POST' && onPath(req.url, path) && plainJson(req);
}

function onPath(url: string | undefined, path: string): boolean {
  if (!url?.startsWith(path)) return false;
  return url.length === path.length || url[path.length] === '?';
}

function plainJson(req: IncomingMessage): boolean {
  // No declared body at all is Express's case too (body-parser then leaves req.body unset).
  if (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined)
    return false;
  // Any content-encoding, even identity, is Express's (body-parser inflates).
  if (req.headers['content-encoding'] !== undefined) return false;
  const type = req.headers['content-type'];
  return type !== undefined && JSON_CONTENT_TYPE.test(type);
}

async function serve<TContext extends BaseContext>(
  req: IncomingMessage,
  res: ServerResponse,
  options: GraphqlPostOptions<TContext>,
): Promise<void> {
  if (options.drain.refusedLate(res)) return;
  assignRequestId(req, res);
  await new Promise<void>((resolve, reject) =>
    options.cors(req, res, (error) =>
      error
        ? reject(error instanceof Error ? error : new Error('CORS refused the request'))
        : resolve(),
    ),
  );
  const text = await readBody(req, res, options.limits.maxRequestBytes);
  if (text === undefined) return;
  const body = parseJson(text);
  if (body === undefined) return sendErrors(res, 400, BODY_NOT_JSON, 'BAD_REQUEST');
  if (refusedDocument((body as { query?: unknown } | null)?.query, options.limits, res)) return;

  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  const url = req.url ?? '';
  const query = url.indexOf('?');
  const response = await options.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: {
      method: 'POST',
      headers,
      search: query < 0 ? '' : url.slice(query),
      body,
    },
    context: () => options.context({ req, res }),
  });
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') {
    res.setHeader('content-length', Buffer.byteLength(response.body.string));
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

/**
 * The body as text, or undefined once a 413 has been sent (a declared or actual length over the
 * limit; the rest of the body is discarded by Node after the response).
 */
function readBody(
  req: IncomingMessage,
  res: ServerResponse,
  limit: number,
): Promise<string | undefined> {
  const declared = Number(req.headers['content-length']);
  if (declared > limit) {
    sendErrors(res, 413, BODY_TOO_LARGE, 'BAD_REQUEST');
    return Promise.resolve(undefined);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    const onData = (chunk: Buffer) => {
      length += chunk.length;
      if (length <= limit) return void chunks.push(chunk);
      req.off('data', onData);
      req.off('end', onEnd);
      sendErrors(res, 413, BODY_TOO_LARGE, 'BAD_REQUEST');
      resolve(undefined);
    };
    const onEnd = () => resolve(Buffer.concat(chunks, length).toString('utf8'));
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', reject);
  });
}

/**
 * express.json()'s strict parsing: an empty body is `{}`, anything but an object or an array at
 * the top is refused, a leading byte-order mark is dropped. Undefined when it is not JSON.
 */
function parseJson(text: string): unknown {
  const trimmed = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (trimmed.length === 0) return {};
  const first = /\S/.exec(trimmed)?.[0];
  if (first !== '{' && first !== '[') return undefined;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return undefined;
  }
}

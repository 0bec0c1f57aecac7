import cors from 'cors';
import type { CorsConfig } from '../config';

/** Every request header the server reads, plus the ones GraphQL clients commonly send. */
export const CORS_ALLOWED_HEADERS = [
  'content-type',
  'authorization',
  'x-api-key',
  'x-session-token',
  'x-share-token',
  'x-request-id',
  // Apollo's CSRF prevention accepts a GET that carries one of these.
  'apollo-require-preflight',
  'x-apollo-operation-name',
];

/** Response headers a page on another origin may read. */
export const CORS_EXPOSED_HEADERS = ['x-request-id', 'retry-after'];

/**
 * CORS for the GraphQL path. Mounted before the IDE route, so a preflight (OPTIONS) is answered
 * here whatever GRAPHQL_IDE is. An origin that is not allowed gets no Access-Control-Allow-Origin,
 * so the browser keeps the page from sending the request.
 */
export function corsPolicy(config: CorsConfig): ReturnType<typeof cors> {
  return cors({
    origin: config.origins === '*' ? '*' : config.origins,
    credentials: config.credentials,
    methods: ['GET', 'POST'],
    allowedHeaders: CORS_ALLOWED_HEADERS,
    exposedHeaders: CORS_EXPOSED_HEADERS,
    maxAge: config.maxAgeSeconds,
  });
}

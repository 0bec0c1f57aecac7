import pino, { type Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config';
import { startServer, type RunningServer } from '../../src/server';

// Tests read responses loosely.
type AnyData = Record<string, any>;

export interface GraphQLResponse<T = AnyData> {
  status: number;
  body: {
    data?: T | null;
    errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> }[];
  };
}

/** Where operations are POSTed: an in-process test server or a server process. */
export interface GraphQLEndpoint {
  port: number;
  /** POSTs one operation as JSON and returns the status and parsed body. */
  graphql<T = AnyData>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<T>>;
}

export type TestServer = RunningServer & GraphQLEndpoint;

/** POSTs to the server listening on 127.0.0.1:port. */
export function graphqlEndpoint(port: number): GraphQLEndpoint {
  const url = `http://127.0.0.1:${port}/graphql`;
  return {
    port,
    async graphql(query, variables, headers = {}) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, body: (await response.json()) as GraphQLResponse['body'] };
    },
  } as GraphQLEndpoint;
}

/** The AES-256-GCM key test servers seal private answers with (32 bytes, base64). */
export const TEST_SESSION_DATA_KEY = Buffer.alloc(32, 7).toString('base64');

/** The real server (same context factory as production) on a free port of 127.0.0.1. */
export async function startTestServer(
  dataSource: DataSource,
  env: Record<string, string> = {},
  /** Where the server logs (default: nowhere unless LOG_LEVEL says otherwise). */
  logger?: Logger,
): Promise<TestServer> {
  const config = loadConfig({
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'silent',
    DATABASE_URL: 'postgres://unused',
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
    SESSION_DATA_KEY: TEST_SESSION_DATA_KEY,
    ...env,
  });
  const server = await startServer({
    config,
    dataSource,
    logger:
      logger ?? pino({ level: process.env.LOG_LEVEL === 'silent' ? 'silent' : config.logLevel }),
  });
  return {
    ...server,
    ...graphqlEndpoint(server.port),
    url: `http://127.0.0.1:${server.port}/graphql`,
  };
}

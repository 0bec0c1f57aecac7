import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { TestServer } from '../test-server';

export type Transport = 'HTTP' | 'WebSocket';
export const TRANSPORTS: Transport[] = ['HTTP', 'WebSocket'];

/** A session token or an API key secret (neither is anonymous), and a share token to present. */
export interface Credentials {
  token?: string;
  apiKey?: string;
  shareToken?: string;
}

export interface Result {
  data?: Record<string, unknown> | null;
  errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
}

/**
 * One operation with the given credentials: over HTTP as the README says (Bearer token or
 * X-API-Key), over graphql-ws in `connectionParams` on a connection of its own.
 */
export async function execute(
  server: TestServer,
  transport: Transport,
  credentials: Credentials,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<Result> {
  if (transport === 'HTTP') {
    const headers: Record<string, string> = {};
    if (credentials.token) headers.authorization = `Bearer ${credentials.token}`;
    if (credentials.apiKey) headers['x-api-key'] = credentials.apiKey;
    if (credentials.shareToken) headers['x-share-token'] = credentials.shareToken;
    return (await server.graphql(query, variables, headers)).body;
  }
  const connectionParams: Record<string, string> = {};
  if (credentials.token) connectionParams.authorization = `Bearer ${credentials.token}`;
  if (credentials.apiKey) connectionParams.apiKey = credentials.apiKey;
  if (credentials.shareToken) connectionParams.shareToken = credentials.shareToken;
  const client = createClient({
    url: `ws://127.0.0.1:${server.port}/graphql`,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: true,
    connectionParams,
  });
  try {
    for await (const result of client.iterate({ query, variables })) return result as Result;
    throw new Error('the operation completed without a result');
  } catch (error) {
    // graphql-ws throws refused documents as an error list, and a closed socket as its event.
    if (Array.isArray(error)) return { errors: error as Result['errors'] };
    const code = `CLOSED ${String((error as { code?: unknown }).code)}`;
    return { errors: [{ message: String(error), extensions: { code } }] };
  } finally {
    await client.dispose();
  }
}

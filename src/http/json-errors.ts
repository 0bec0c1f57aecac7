import type { ServerResponse } from 'node:http';

/**
 * A GraphQL-over-HTTP error answer written before GraphQL runs (a body that cannot be read, a
 * document over its limit, a server shutting down): a JSON `errors` list with a code, as Express's
 * res.status().json() wrote it (same status, headers and bytes).
 */
export function sendErrors(
  res: ServerResponse,
  status: number,
  message: string,
  code: string,
): void {
  const body = JSON.stringify({ errors: [{ message, extensions: { code } }] });
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(body));
  res.end(body);
}

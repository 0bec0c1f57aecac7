import type { IncomingMessage } from 'node:http';

/** Where a request came from, for security events and logs (never credentials). */
export interface RequestInfo {
  requestId: string;
  ip: string | null;
  userAgent: string | null;
}

export function requestInfoOf(
  request: IncomingMessage | undefined,
  requestId: string,
): RequestInfo {
  const userAgent = request?.headers['user-agent'];
  return {
    requestId,
    ip: request?.socket.remoteAddress ?? null,
    userAgent: typeof userAgent === 'string' ? userAgent.slice(0, 300) : null,
  };
}

import type { NextFunction, Request, Response } from 'express';
import type { Server, ServerResponse } from 'node:http';
import { Server as NetServer, type Socket } from 'node:net';
import { ErrorCode } from '../errors/error-code';
import { DATABASE_RETRY_AFTER_SECONDS } from '../errors/postgres-error';
import { sendErrors } from './json-errors';

/** One turn of the event loop: what the poll phase had ready has been handled. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Bounds the settling below, should clients keep connecting during a shutdown. */
const MAX_SETTLE_TURNS = 10_000;

/**
 * Turns the event loop until `count` has not moved for two turns in a row. libuv accepts one
 * connection per turn, and reads a socket in the turn after it was accepted: when nothing new
 * came in for two turns, what the kernel held has been taken in.
 */
async function settle(count: () => number): Promise<void> {
  let last = count();
  let quiet = 0;
  for (let turn = 0; quiet < 2 && turn < MAX_SETTLE_TURNS; turn++) {
    await nextTurn();
    if (count() === last) quiet++;
    else [last, quiet] = [count(), 0];
  }
}

/**
 * A graceful stop of an HTTP server that loses no request a client had sent:
 *
 * 1. `draining`: connections the kernel had completed are accepted, then the listener closes;
 *    connections already open stay. Bytes that had arrived are read and parsed: those requests
 *    run to the end. Every response now says `Connection: close`.
 * 2. `closing`: idle keep-alive connections are closed, and each busy one as soon as its
 *    response is out. A request read from now on (pipelined behind another) is not run: it gets
 *    503 SERVICE_UNAVAILABLE with `Connection: close`.
 *
 * Node's own `server.close()` would instead drop at once every connection whose request it has
 * not parsed yet, which resets clients whose requests were sent before the signal.
 */
export class HttpDrain {
  private phase: 'serving' | 'draining' | 'closing' = 'serving';
  private readonly sockets = new Set<Socket>();
  private readonly responses = new Set<ServerResponse>();
  private accepted = 0;
  private received = 0;

  constructor(private readonly server: Server) {
    server.on('connection', (socket: Socket) => {
      this.accepted++;
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    // Before the app's own listener, so the header is set before anything is written.
    server.prependListener('request', (_req, res: ServerResponse) => {
      this.received++;
      this.responses.add(res);
      if (this.phase !== 'serving') closeAfter(res);
      res.once('close', () => {
        this.responses.delete(res);
        if (this.phase === 'closing') this.server.closeIdleConnections();
      });
    });
  }

  /** True from the start of a shutdown (readiness probes say so). */
  get draining(): boolean {
    return this.phase !== 'serving';
  }

  /**
   * A request read after the drain settled is not run: answered 503 here (true), or left to run.
   * First in line on every path.
   */
  refusedLate(res: ServerResponse): boolean {
    if (this.phase !== 'closing') return false;
    res.setHeader('connection', 'close');
    res.setHeader('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
    sendErrors(
      res,
      503,
      'The server is shutting down; retry the request',
      ErrorCode.SERVICE_UNAVAILABLE,
    );
    return true;
  }

  /** refusedLate as Express middleware. */
  readonly refuseLate = (_req: Request, res: Response, next: NextFunction): void => {
    if (!this.refusedLate(res)) next();
  };

  /**
   * Stops accepting, lets the requests already sent finish and closes every connection; after
   * `graceMs` whatever is still open is destroyed. Resolves when no connection is left.
   */
  async drain(graceMs: number): Promise<void> {
    if (this.phase !== 'serving') return;
    this.phase = 'draining';
    for (const res of this.responses) closeAfter(res);
    await settle(() => this.accepted);
    // net's close: stop listening but keep every open connection (http's would drop the unparsed).
    const closed = new Promise<void>((resolve) =>
      NetServer.prototype.close.call(this.server, () => resolve()),
    );
    await settle(() => this.received);
    this.phase = 'closing';
    this.server.closeIdleConnections();
    const deadline = setTimeout(() => {
      for (const socket of this.sockets) socket.destroy();
    }, graceMs);
    try {
      await closed;
    } finally {
      clearTimeout(deadline);
    }
  }
}

/** The response ends its connection (unless it has started already; then closing idle does). */
function closeAfter(res: ServerResponse): void {
  if (!res.headersSent) res.setHeader('connection', 'close');
}

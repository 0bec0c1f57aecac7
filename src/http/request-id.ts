import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';

const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

const requestIds = new WeakMap<IncomingMessage, string>();

/** Keeps a caller's well-formed X-Request-Id (for tracing across services) or makes one. */
export function assignRequestId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && SAFE_REQUEST_ID.test(given) ? given : randomUUID();
  requestIds.set(req, id);
  res.setHeader('x-request-id', id);
  return id;
}

/** The id assignRequestId gave the request (every request gets one before anything else runs). */
export function requestIdOf(req: IncomingMessage): string {
  return requestIds.get(req) ?? '';
}

/** Express middleware: assignRequestId for the routes Express serves. */
export function requestId(req: Request, res: Response, next: NextFunction): void {
  assignRequestId(req, res);
  next();
}

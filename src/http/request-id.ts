import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

declare module 'express-serve-static-core' {
  interface Request {
    requestId: string;
  }
}

/** Keeps a caller's well-formed X-Request-Id (for tracing across services) or makes one. */
export function requestId(req: Request, res: Response, next: NextFunction): void {
  const given = req.get('x-request-id');
  req.requestId = given && SAFE_REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader('x-request-id', req.requestId);
  next();
}

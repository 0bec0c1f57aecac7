import type { ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import type { OperationLimits } from '../config';
import { sendErrors } from './json-errors';

/**
 * Refuses a GraphQL document over the size limit before it is parsed (parsing is where the cost
 * of a huge document would be paid): answered 413 here (true), or left to run.
 */
export function refusedDocument(
  query: unknown,
  limits: OperationLimits,
  res: ServerResponse,
): boolean {
  if (typeof query !== 'string' || query.length * 3 <= limits.maxDocumentBytes) return false;
  if (Buffer.byteLength(query) <= limits.maxDocumentBytes) return false;
  sendErrors(
    res,
    413,
    `The document is larger than ${limits.maxDocumentBytes} bytes`,
    'BAD_REQUEST',
  );
  return true;
}

/** refusedDocument as Express middleware: POST bodies are parsed JSON by now; GET carries `query`. */
export function documentSizeLimit(limits: OperationLimits) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const body = req.body as { query?: unknown } | undefined;
    const query = typeof body?.query === 'string' ? body.query : req.query.query;
    if (!refusedDocument(query, limits, res)) next();
  };
}

import type { NextFunction, Request, Response } from 'express';
import { sendErrors } from './json-errors';

interface BodyParserError {
  type?: string;
  status?: number;
}

export const BODY_TOO_LARGE = 'The request body is too large';
export const BODY_NOT_JSON = 'The request body is not valid JSON';

/**
 * Errors raised before GraphQL runs (malformed JSON, a body over the limit) answered as GraphQL
 * over HTTP does: a 4xx with a JSON `errors` list, never an HTML page or a stack trace.
 */
export function bodyErrorHandler(
  error: unknown,
  _req: Request,
  res: Response,
  next: NextFunction,
): void {
  if (res.headersSent) return next(error);
  const { type, status } = (error ?? {}) as BodyParserError;
  const tooLarge = type === 'entity.too.large';
  const message = tooLarge
    ? BODY_TOO_LARGE
    : type === 'entity.parse.failed'
      ? BODY_NOT_JSON
      : 'The request could not be read';
  sendErrors(
    res,
    tooLarge ? 413 : status && status >= 400 && status < 500 ? status : 400,
    message,
    'BAD_REQUEST',
  );
}

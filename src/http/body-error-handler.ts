import type { NextFunction, Request, Response } from 'express';

interface BodyParserError {
  type?: string;
  status?: number;
}

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
    ? 'The request body is too large'
    : type === 'entity.parse.failed'
      ? 'The request body is not valid JSON'
      : 'The request could not be read';
  res
    .status(tooLarge ? 413 : status && status >= 400 && status < 500 ? status : 400)
    .json({ errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] });
}

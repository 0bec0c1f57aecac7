import { GraphQLError } from 'graphql';
import { ErrorCode } from './error-code';

const STATUS: Partial<Record<string, number>> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
};

/**
 * An error thrown while building a request's context ends the request before any resolver runs;
 * Apollo answers such errors with 500 unless they carry their own HTTP status.
 */
export function withHttpStatus(error: unknown): unknown {
  if (!(error instanceof GraphQLError)) return error;
  const status = STATUS[String(error.extensions.code)];
  if (status) error.extensions.http = { status };
  return error;
}

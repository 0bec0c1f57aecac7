import { GraphQLError } from 'graphql';
import { ErrorCode, serviceUnavailable } from './error-code';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from './postgres-error';

const STATUS: Partial<Record<string, number>> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
};

/** Apollo's HTTP head for a response that says "the database is away, come back shortly". */
export function serviceUnavailableHead(): { status: number; headers: Map<string, string> } {
  return {
    status: 503,
    headers: new Map([['retry-after', String(DATABASE_RETRY_AFTER_SECONDS)]]),
  };
}

/**
 * An error thrown while building a request's context ends the request before any resolver runs;
 * Apollo answers such errors with 500 unless they carry their own HTTP status. A database that
 * cannot be reached becomes SERVICE_UNAVAILABLE with 503 and Retry-After.
 */
export function withHttpStatus(error: unknown): unknown {
  if (isDatabaseUnavailable(error) && !(error instanceof GraphQLError)) {
    const unavailable = serviceUnavailable(DATABASE_RETRY_AFTER_SECONDS);
    return new GraphQLError(unavailable.message, {
      originalError: error as Error,
      extensions: { ...unavailable.extensions, http: serviceUnavailableHead() },
    });
  }
  if (!(error instanceof GraphQLError)) return error;
  const status = STATUS[String(error.extensions.code)];
  if (status) error.extensions.http = { status };
  return error;
}

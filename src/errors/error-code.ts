import { GraphQLError } from 'graphql';

/** Every `extensions.code` the API returns on purpose. Anything else is masked. */
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  TOO_MANY_REQUESTS = 'TOO_MANY_REQUESTS',
  /** The database cannot be reached right now (HTTP 503 with Retry-After); retry shortly. */
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

/** One problem with one input field, e.g. `{ field: 'filter.search', message: '...' }`. */
export interface FieldProblem {
  field: string;
  message: string;
}

export function badUserInput(message: string, fields: FieldProblem[] = []): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, fields } });
}

export function notFound(entity: string, id: string | number): GraphQLError {
  return new GraphQLError(`${entity} ${id} was not found`, {
    extensions: { code: ErrorCode.NOT_FOUND, entity, id: String(id) },
  });
}

export function forbidden(message = 'You are not allowed to do this'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.FORBIDDEN } });
}

export function unauthenticated(message = 'Authentication is required'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED } });
}

export function conflict(message: string, field?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.CONFLICT, field } });
}

export function tooManyRequests(retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(`Too many attempts; try again in ${retryAfterSeconds} s`, {
    extensions: { code: ErrorCode.TOO_MANY_REQUESTS, retryAfterSeconds },
  });
}

export function serviceUnavailable(retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(
    `The service is temporarily unavailable; try again in ${retryAfterSeconds} s`,
    { extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, retryAfterSeconds } },
  );
}

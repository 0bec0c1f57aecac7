import { QueryFailedError } from 'typeorm';

/** The SQLSTATE of a failed query (e.g. 23505 unique violation), or undefined. */
export function sqlState(error: unknown): string | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  return (error.driverError as { code?: string } | undefined)?.code;
}

export const UNIQUE_VIOLATION = '23505';
export const FOREIGN_KEY_VIOLATION = '23503';
/** Text the database cannot store: U+0000 in text (22021) or as a JSON escape in jsonb (22P05). */
export const CHARACTER_NOT_IN_REPERTOIRE = '22021';
export const UNTRANSLATABLE_CHARACTER = '22P05';

/** How long a client is told to wait (Retry-After) when the database cannot be reached. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * SQLSTATEs of a server that is going away, starting or refusing connections: class 08
 * (connection exception), 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now,
 * 53300 too many connections.
 */
const UNAVAILABLE_STATES = /^(08...|57P0[123]|53300)$/;
/** Socket errors of a server that is not there (refused, reset, unreachable, unresolvable). */
const UNAVAILABLE_ERRNOS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
/** node-postgres and its pool report lost or impossible connections with these messages only. */
const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error and is not queryable',
  'Cannot use a pool after calling end on the pool',
];

/**
 * True when an error (or what it wraps: a QueryFailedError's driver error, a GraphQLError's
 * original error, a cause, an AggregateError's errors, a thrown non-Error value) says PostgreSQL
 * cannot be reached now, as opposed to a statement that failed. Read by shape, not instanceof:
 * socket errors come from Node's core, which need not share the caller's Error class.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 5) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (UNAVAILABLE_STATES.test(code) || UNAVAILABLE_ERRNOS.has(code)))
    return true;
  if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((m) => message.startsWith(m)))
    return true;
  const wrapped = error as {
    driverError?: unknown;
    originalError?: unknown;
    cause?: unknown;
    thrownValue?: unknown;
    errors?: unknown;
  };
  const inner = [wrapped.driverError, wrapped.originalError, wrapped.cause, wrapped.thrownValue];
  if (Array.isArray(wrapped.errors)) inner.push(...(wrapped.errors as unknown[]));
  return inner.some(
    (candidate) => candidate !== error && isDatabaseUnavailable(candidate, depth + 1),
  );
}

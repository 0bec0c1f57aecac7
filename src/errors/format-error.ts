import { unwrapResolverError } from '@apollo/server/errors';
import { randomUUID } from 'node:crypto';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { ArgumentValidationError, AuthorizationError } from 'type-graphql';
import { ErrorCode, serviceUnavailable, type FieldProblem } from './error-code';
import {
  CHARACTER_NOT_IN_REPERTOIRE,
  DATABASE_RETRY_AFTER_SECONDS,
  FOREIGN_KEY_VIOLATION,
  isDatabaseUnavailable,
  sqlState,
  UNIQUE_VIOLATION,
  UNTRANSLATABLE_CHARACTER,
} from './postgres-error';
import { flattenValidationErrors } from './validation-problems';

/** Codes that come from request handling itself (parsing, validation, variables) and are safe. */
const PASS_THROUGH = new Set<string>([
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.UNAUTHENTICATED,
  ErrorCode.FORBIDDEN,
  ErrorCode.NOT_FOUND,
  ErrorCode.CONFLICT,
  ErrorCode.TOO_MANY_REQUESTS,
  ErrorCode.SERVICE_UNAVAILABLE,
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/**
 * graphql-js stops coercing variables after 50 errors and adds this one, with no code and no AST
 * node, so Apollo does not mark it as user input (the 50 before it are BAD_USER_INPUT).
 */
const VARIABLE_ERROR_LIMIT =
  'Too many errors processing variables, error limit reached. Execution aborted.';

const isVariableErrorLimit = (error: unknown): error is GraphQLError =>
  error instanceof GraphQLError && !error.path && error.message === VARIABLE_ERROR_LIMIT;

function withoutPrivateExtensions(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const {
    stacktrace: _stacktrace,
    exception: _exception,
    ...extensions
  } = formatted.extensions ?? {};
  return { ...formatted, extensions };
}

function databaseError(error: unknown): { code: ErrorCode; message: string } | undefined {
  const state = sqlState(error);
  if (state === UNIQUE_VIOLATION) {
    return { code: ErrorCode.CONFLICT, message: 'That value is already taken' };
  }
  if (state === FOREIGN_KEY_VIOLATION) {
    return {
      code: ErrorCode.BAD_USER_INPUT,
      message: 'A referenced object does not exist or is still in use',
    };
  }
  if (state === CHARACTER_NOT_IN_REPERTOIRE || state === UNTRANSLATABLE_CHARACTER) {
    return {
      code: ErrorCode.BAD_USER_INPUT,
      message: 'Text contains a character that cannot be stored (such as U+0000)',
    };
  }
  return undefined;
}

/**
 * Apollo's formatError: known codes pass (without stack traces), type-graphql's authorization and
 * validation errors are reshaped, constraint violations become CONFLICT / BAD_USER_INPUT without
 * SQL, a database that cannot be reached is SERVICE_UNAVAILABLE, and everything else is masked behind an error id that is logged with the original error.
 */
export function createErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const path = formatted.path;
    if (original instanceof AuthorizationError) {
      return { message: original.message, path, extensions: { code: ErrorCode.FORBIDDEN } };
    }
    if (original instanceof ArgumentValidationError) {
      const fields: FieldProblem[] = flattenValidationErrors(original.extensions.validationErrors);
      return {
        message: 'Argument validation failed',
        path,
        extensions: { code: ErrorCode.BAD_USER_INPUT, fields },
      };
    }
    if (isVariableErrorLimit(original))
      return { message: original.message, extensions: { code: ErrorCode.BAD_USER_INPUT } };
    if (isDatabaseUnavailable(original)) {
      logger.warn({ err: original, path }, 'database unavailable');
      const { message, extensions } = serviceUnavailable(DATABASE_RETRY_AFTER_SECONDS);
      return { message, path, extensions };
    }
    const mapped = databaseError(original);
    if (mapped) return { message: mapped.message, path, extensions: { code: mapped.code } };
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && PASS_THROUGH.has(code) && original instanceof GraphQLError) {
      return withoutPrivateExtensions(formatted);
    }
    const errorId = randomUUID();
    logger.error({ errorId, err: original, path }, 'unexpected error while resolving a request');
    return {
      message: `Internal server error (error id ${errorId})`,
      path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, errorId },
    };
  };
}

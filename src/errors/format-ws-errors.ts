import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import { withoutSuggestions } from '../graphql/limits';
import { ErrorCode } from './error-code';

type Formatter = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/**
 * graphql-ws hands errors over as graphql-js made them. Give them the codes Apollo gives the same
 * errors over HTTP, then pass them through the same masking formatter, so a WebSocket client never
 * sees what an HTTP client would not.
 */
export function wsErrorFormatters(formatError: Formatter, hideSuggestions: boolean) {
  const withCode = (error: GraphQLError, fallback: string) => {
    const json = error.toJSON();
    const formatted = hideSuggestions
      ? { ...json, message: withoutSuggestions(json.message) }
      : json;
    if (typeof formatted.extensions?.code === 'string') return formatError(formatted, error);
    return formatError(
      { ...formatted, extensions: { ...formatted.extensions, code: fallback } },
      error,
    );
  };
  return {
    /** Errors of document validation (graphql-ws `onError`). */
    validation: (errors: readonly GraphQLError[]) =>
      errors.map((error) => withCode(error, 'GRAPHQL_VALIDATION_FAILED')),
    /** Errors in an execution result: variable coercion (no path) or resolver failures (a path). */
    execution: (errors: readonly GraphQLError[]) =>
      errors.map((error) =>
        withCode(error, error.path ? ErrorCode.INTERNAL_SERVER_ERROR : ErrorCode.BAD_USER_INPUT),
      ),
  };
}

import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { GraphQLContext } from './context';

type FormatError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/**
 * Ends each HTTP request's database transaction before the response leaves: a client never sees a
 * write reported that did not commit. If the commit fails, the response becomes a masked
 * INTERNAL_SERVER_ERROR (the original is logged by the formatter) with status 500.
 */
export function requestTransactionPlugin(
  formatError: FormatError,
): ApolloServerPlugin<GraphQLContext> {
  return {
    requestDidStart: () =>
      Promise.resolve({
        async willSendResponse({ contextValue, response }) {
          try {
            await contextValue.db.finish();
          } catch (error) {
            const wrapped = new GraphQLError('The request could not be committed', {
              originalError: error instanceof Error ? error : undefined,
            });
            response.http.status = 500;
            response.body = {
              kind: 'single',
              singleResult: { errors: [formatError(wrapped.toJSON(), wrapped)] },
            };
          }
        },
      }),
  };
}

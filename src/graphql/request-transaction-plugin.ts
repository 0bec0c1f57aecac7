import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { serviceUnavailableHead } from '../errors/http-status';
import { isDatabaseUnavailable } from '../errors/postgres-error';
import type { RequestDatabase } from '../database/request-database';
import type { GraphQLContext } from './context';

/**
 * The databases of requests that entered the request pipeline: this plugin ends their
 * transactions. Any other (refused by Apollo after its context was made) is ended when its
 * response closes (http-context.ts).
 */
export const executedRequests = new WeakSet<RequestDatabase>();

type FormatError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/**
 * Ends each HTTP request's database transaction before the response leaves: a client never sees a
 * write reported that did not commit. If the commit fails, the response becomes a masked
 * INTERNAL_SERVER_ERROR (the original is logged by the formatter) with status 500, or
 * SERVICE_UNAVAILABLE with 503 when the database went away.
 */
export function requestTransactionPlugin(
  formatError: FormatError,
): ApolloServerPlugin<GraphQLContext> {
  return {
    requestDidStart: ({ contextValue }) => {
      executedRequests.add(contextValue.db);
      return Promise.resolve({
        async willSendResponse({ contextValue, response }) {
          try {
            await contextValue.db.finish();
          } catch (error) {
            const wrapped = new GraphQLError('The request could not be committed', {
              originalError: error instanceof Error ? error : undefined,
            });
            // The database going away at the commit is SERVICE_UNAVAILABLE, like any statement.
            if (isDatabaseUnavailable(error)) {
              const head = serviceUnavailableHead();
              response.http.status = head.status;
              for (const [name, value] of head.headers) response.http.headers.set(name, value);
            } else {
              response.http.status = 500;
            }
            response.body = {
              kind: 'single',
              singleResult: { errors: [formatError(wrapped.toJSON(), wrapped)] },
            };
          }
        },
      });
    },
  };
}

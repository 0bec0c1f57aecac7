import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, OperationTypeNode } from 'graphql';

/**
 * A subscription POSTed over HTTP would otherwise run its fields once with no event and fail as
 * an internal error: it is refused up front, pointing at graphql-ws on the same path.
 */
export function noHttpSubscriptions<T extends object>(): ApolloServerPlugin<T> {
  return {
    requestDidStart: () =>
      Promise.resolve({
        didResolveOperation: ({ operation }) => {
          if (operation?.operation !== OperationTypeNode.SUBSCRIPTION) return Promise.resolve();
          throw new GraphQLError(
            'Subscriptions are served over graphql-ws (graphql-transport-ws) on this same path',
            { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } },
          );
        },
      }),
  };
}

import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLError } from 'graphql';
import { SecurityEventKind, SecuritySeverity } from '../entities/security-event.enums';
import { ErrorCode } from '../errors/error-code';
import type { SecurityEventService } from '../services/security-event.service';
import type { GraphQLContext } from './context';

/** One ACCESS_FORBIDDEN security event per refused field (one insert for all of them). */
export async function recordForbidden(
  securityEvents: SecurityEventService,
  context: GraphQLContext,
  errors: readonly GraphQLError[],
  operationName: string | null | undefined,
): Promise<void> {
  await securityEvents.record(
    ...errors
      .filter((error) => error.extensions.code === ErrorCode.FORBIDDEN)
      .map((error) => ({
        kind: SecurityEventKind.ACCESS_FORBIDDEN,
        severity: SecuritySeverity.WARNING,
        userId: context.viewer.kind === 'user' ? context.viewer.userId : null,
        request: context.request,
        details: { operationName: operationName ?? null, path: error.path ?? null },
      })),
  );
}

/** Records FORBIDDEN errors of HTTP operations (graphql-ws does the same in its onNext). */
export function forbiddenEventsPlugin(
  securityEvents: SecurityEventService,
): ApolloServerPlugin<GraphQLContext> {
  return {
    requestDidStart: () =>
      Promise.resolve({
        // Once the request's connection is back: recording takes a connection of its own.
        didEncounterErrors: ({ contextValue, errors, operationName }) => {
          contextValue.db.onRelease(() =>
            recordForbidden(securityEvents, contextValue, errors, operationName),
          );
          return Promise.resolve();
        },
      }),
  };
}

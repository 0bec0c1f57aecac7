import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from 'pino';
import type { GraphQLContext } from './context';

/**
 * One structured log line per GraphQL operation: request id, operation name, duration and outcome
 * (with the error codes when it failed). Resolver errors are logged in full by the error formatter.
 */
export function loggingPlugin(logger: Logger): ApolloServerPlugin<GraphQLContext> {
  return {
    requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      logger.debug({ requestId: contextValue.requestId }, 'graphql request started');
      return Promise.resolve({
        willSendResponse({ operationName, errors, response }) {
          const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
          const codes = errors?.map((error) => {
            const code = error.extensions?.code;
            return typeof code === 'string' ? code : 'UNKNOWN';
          });
          logger.info(
            {
              requestId: contextValue.requestId,
              operationName: operationName ?? null,
              durationMs: Math.round(durationMs * 100) / 100,
              outcome: errors?.length ? 'error' : 'ok',
              status: response.http.status ?? 200,
              ...(codes?.length ? { errorCodes: codes } : {}),
            },
            'graphql request',
          );
          return Promise.resolve();
        },
      });
    },
  };
}

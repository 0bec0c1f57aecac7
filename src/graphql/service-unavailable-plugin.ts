import type { ApolloServerPlugin } from '@apollo/server';
import { serviceUnavailableHead } from '../errors/http-status';
import { isDatabaseUnavailable } from '../errors/postgres-error';

/**
 * A field that failed because PostgreSQL cannot be reached makes the whole HTTP response a 503
 * with Retry-After (the error itself says SERVICE_UNAVAILABLE, see the error formatter): clients
 * and load balancers then retry instead of reporting a server bug.
 */
export function serviceUnavailablePlugin(): ApolloServerPlugin {
  return {
    requestDidStart: () =>
      Promise.resolve({
        didEncounterErrors: ({ errors, response }) => {
          if (errors.some((error) => isDatabaseUnavailable(error))) {
            const head = serviceUnavailableHead();
            response.http.status = head.status;
            for (const [name, value] of head.headers) response.http.headers.set(name, value);
          }
          return Promise.resolve();
        },
      }),
  };
}

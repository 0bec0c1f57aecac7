import type { ApolloServerPlugin } from '@apollo/server';
import type { DocumentNode, GraphQLError } from 'graphql';
import { badUserInput } from '../../errors/error-code';
import { withHttpStatus } from '../../errors/http-status';
import { textProblems } from './text-problems';

/**
 * BAD_USER_INPUT naming each place in the request whose text cannot be stored (U+0000, lone
 * surrogates), or null when there is none. One check at the edge for every transport, before
 * anything runs, so no resolver, service or SQL statement ever sees such text.
 */
export function badTextError(
  document: DocumentNode,
  variables: Readonly<Record<string, unknown>> | null | undefined,
): GraphQLError | null {
  const fields = textProblems(document, variables);
  if (!fields.length) return null;
  const where = fields.map((problem) => problem.field).join(', ');
  return badUserInput(`Text that cannot be stored in ${where}`, fields);
}

/**
 * Apollo (HTTP, and graphql-jit behind it): refuses the operation once it is parsed, validated
 * and chosen, with status 400.
 */
export function textInputPlugin<T extends object>(): ApolloServerPlugin<T> {
  return {
    requestDidStart: () =>
      Promise.resolve({
        didResolveOperation: ({ document, request }) => {
          const error = badTextError(document, request.variables);
          if (error) throw withHttpStatus(error);
          return Promise.resolve();
        },
      }),
  };
}

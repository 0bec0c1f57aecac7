import { GraphQLError } from 'graphql';

/**
 * graphql-jit reports field errors as its own GraphQLError look-alike: `extensions` undefined when
 * the resolver's error had none (Apollo then fails to read `extensions.code` and skips formatError)
 * and no AST nodes. This rebuilds what graphql-js would have reported: same message, path,
 * locations and original error, so error masking and security events see the usual shape.
 */
export function asGraphQLJsError(error: GraphQLError): GraphQLError {
  const converted = new GraphQLError(error.message, {
    path: error.path,
    originalError: error.originalError ?? undefined,
    extensions: error.extensions ?? undefined,
  });
  // graphql-jit computed the locations already; GraphQLError would need the AST nodes for them.
  return Object.assign(converted, { locations: error.locations });
}

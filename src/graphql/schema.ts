import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { RESOLVERS } from '../resolvers';
import { usePreloadedFields } from './preloaded-fields';

/** The executable schema, built from the decorated classes. Validation of inputs is on. */
export async function createSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: RESOLVERS,
    validate: { forbidUnknownValues: false },
    emitSchemaFile: false,
  });
  return usePreloadedFields(schema);
}

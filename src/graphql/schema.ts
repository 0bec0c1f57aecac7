import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { RESOLVERS } from '../resolvers';
import { usePreloadedFields } from './preloaded-fields';

/** The executable schema, built from the decorated classes. Validation of inputs is on. */
export async function createSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: RESOLVERS,
    // type-graphql skips null and undefined fields by default; then `name: null` would pass an
    // update input's validators. Optional fields say so with @IsOptional / @UnlessOmitted instead.
    validate: { forbidUnknownValues: false, skipMissingProperties: false },
    emitSchemaFile: false,
  });
  return usePreloadedFields(schema);
}

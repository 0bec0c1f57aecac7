import type { GraphQLSchema } from 'graphql';
import { buildSchema, type PubSub } from 'type-graphql';
import { RESOLVERS } from '../resolvers';
import { usePreloadedFields } from './preloaded-fields';

const NO_TOPICS: PubSub = {
  publish: () => {
    throw new Error('Subscriptions publish through src/events, not type-graphql topics');
  },
  subscribe: () => {
    throw new Error('Subscriptions subscribe through src/events, not type-graphql topics');
  },
};

/** The executable schema, built from the decorated classes. Validation of inputs is on. */
export async function createSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: RESOLVERS,
    // type-graphql skips null and undefined fields by default; then `name: null` would pass an
    // update input's validators. Optional fields say so with @IsOptional / @UnlessOmitted instead.
    validate: { forbidUnknownValues: false, skipMissingProperties: false },
    emitSchemaFile: false,
    // Every subscription brings its own `subscribe` (src/events/); topics are not used.
    pubSub: NO_TOPICS,
  });
  return usePreloadedFields(schema);
}

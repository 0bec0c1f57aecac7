import { Arg, Args, Ctx, Field, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { ApiKey } from '../entities';
import { connectionTypes } from '../graphql/connection';
import type { GraphQLContext } from '../graphql/context';
import { parseId } from '../graphql/ids';
import { ApiKeysArgs, CreateApiKeyInput, RevokeApiKeyInput } from './inputs/api-key.inputs';

export const { ConnectionType: ApiKeyConnection } = connectionTypes(ApiKey, 'ApiKey', 'API key');

@ObjectType({ description: 'A new API key and its secret.' })
class CreateApiKeyPayload {
  @Field(() => ApiKey, { description: 'The key.' })
  apiKey: ApiKey;

  @Field({
    description:
      'The secret, shown this once: send it as `X-API-Key: <secret>` or `Authorization: Bearer <secret>`.',
  })
  secret: string;
}

@ObjectType({ description: 'The revoked key.' })
class RevokeApiKeyPayload {
  @Field(() => ApiKey, { description: 'The key, now revoked.' })
  apiKey: ApiKey;
}

@Resolver()
export class ApiKeyResolver {
  @Query(() => ApiKeyConnection, { description: "The signed-in user's API keys, oldest first." })
  apiKeys(@Args() args: ApiKeysArgs, @Ctx() ctx: GraphQLContext) {
    return ctx.services.apiKeys.list(ctx.db, args);
  }

  @Mutation(() => CreateApiKeyPayload, { description: 'Creates an API key acting as the caller.' })
  createApiKey(
    @Arg('input', { description: 'Name, scopes and expiry.' }) input: CreateApiKeyInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.apiKeys.create(ctx.db, input);
  }

  @Mutation(() => RevokeApiKeyPayload, { description: 'Revokes one of the caller’s API keys.' })
  async revokeApiKey(
    @Arg('input', { description: 'The key.' }) input: RevokeApiKeyInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return { apiKey: await ctx.services.apiKeys.revoke(ctx.db, parseId(input.id)) };
  }
}

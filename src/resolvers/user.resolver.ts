import { Arg, Args, Ctx, Field, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { User } from '../entities';
import { connectionTypes } from '../graphql/connection';
import type { GraphQLContext } from '../graphql/context';
import { parseId } from '../graphql/ids';
import { SetUserActiveInput, SetUserRoleInput, UsersArgs } from './inputs/user.inputs';

export const { ConnectionType: UserConnection } = connectionTypes(User, 'User', 'user');

@ObjectType({ description: 'The user after the change.' })
class UserPayload {
  @Field(() => User, { description: 'The changed user.' })
  user: User;
}

@Resolver()
export class UserResolver {
  @Query(() => UserConnection, { description: 'Every account, oldest first (SUPER_ADMIN only).' })
  users(@Args() args: UsersArgs, @Ctx() ctx: GraphQLContext) {
    return ctx.services.users.list(ctx.db, args.filter ?? {}, args);
  }

  @Mutation(() => UserPayload, { description: "Changes another user's role (SUPER_ADMIN only)." })
  async setUserRole(
    @Arg('input', { description: 'The user and the role.' }) input: SetUserRoleInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const user = await ctx.services.users.setRole(
      ctx.db,
      parseId(input.userId, 'userId'),
      input.role,
      ctx.request,
    );
    return { user };
  }

  @Mutation(() => UserPayload, {
    description: 'Activates or deactivates another user (SUPER_ADMIN only).',
  })
  async setUserActive(
    @Arg('input', { description: 'The user and the new state.' }) input: SetUserActiveInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const user = await ctx.services.users.setActive(
      ctx.db,
      parseId(input.userId, 'userId'),
      input.isActive,
      ctx.request,
    );
    return { user };
  }
}

import { Arg, Ctx, Field, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { User } from '../entities';
import type { GraphQLContext } from '../graphql/context';
import { ChangePasswordInput, LoginInput, RegisterInput } from './inputs/account.inputs';

@ObjectType({ description: 'A signed-in session: the access token and its user.' })
class AuthPayload {
  @Field({
    description: 'Send as `Authorization: Bearer <token>` (or in graphql-ws connectionParams).',
  })
  token: string;

  @Field({ description: 'When the token stops working; log in again after.' })
  expiresAt: Date;

  @Field(() => User, { description: 'The signed-in user.' })
  user: User;
}

@Resolver()
export class AccountResolver {
  @Query(() => User, { nullable: true, description: 'The signed-in user; null when anonymous.' })
  me(@Ctx() ctx: GraphQLContext) {
    return ctx.services.accounts.me(ctx.db);
  }

  @Mutation(() => AuthPayload, { description: 'Creates an account (role USER) and signs it in.' })
  register(
    @Arg('input', { description: 'The new account.' }) input: RegisterInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.accounts.register(input);
  }

  @Mutation(() => AuthPayload, { description: 'Signs in with email and password.' })
  login(
    @Arg('input', { description: 'Email and password.' }) input: LoginInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.accounts.login(input, ctx.request);
  }

  @Mutation(() => AuthPayload, {
    description: 'Changes the password; tokens issued before stop working, the returned one works.',
  })
  changePassword(
    @Arg('input', { description: 'Current and new password.' }) input: ChangePasswordInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.accounts.changePassword(ctx.db, input, ctx.request);
  }
}

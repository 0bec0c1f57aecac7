import { PageArgs } from './inputs/page.args';
import { Args, ArgsType, Ctx, Field, ID, InputType, Query, Resolver } from 'type-graphql';
import { SecurityEvent } from '../entities';
import { SecurityEventKind } from '../entities/security-event.enums';
import { connectionTypes } from '../graphql/connection';
import type { GraphQLContext } from '../graphql/context';
import { parseId } from '../graphql/ids';

export const { ConnectionType: SecurityEventConnection } = connectionTypes(
  SecurityEvent,
  'SecurityEvent',
  'security event',
);

@InputType({ description: 'Narrows the security events; all given conditions must hold.' })
class SecurityEventFilterInput {
  @Field(() => SecurityEventKind, { nullable: true, description: 'Only this kind.' })
  kind?: SecurityEventKind | null;

  @Field(() => ID, { nullable: true, description: 'Only events about this user.' })
  userId?: string | null;

  @Field(() => Date, { nullable: true, description: 'Only events at or after this time.' })
  since?: Date | null;
}

@ArgsType()
class SecurityEventsArgs extends PageArgs {
  @Field(() => SecurityEventFilterInput, { nullable: true, description: 'Conditions.' })
  filter?: SecurityEventFilterInput | null;
}

@Resolver()
export class SecurityEventResolver {
  @Query(() => SecurityEventConnection, {
    description: 'Security events, newest first (SUPER_ADMIN, signed in).',
  })
  securityEvents(@Args() args: SecurityEventsArgs, @Ctx() ctx: GraphQLContext) {
    const filter = args.filter ?? {};
    return ctx.services.securityEvents.list(
      ctx.db,
      {
        kind: filter.kind,
        since: filter.since,
        userId: filter.userId == null ? null : parseId(filter.userId, 'filter.userId'),
      },
      args,
    );
  }
}

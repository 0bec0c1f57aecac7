import { Args, ArgsType, Ctx, Field, ID, InputType, Query, Resolver } from 'type-graphql';
import { AuditEntry } from '../entities';
import { AuditAction, AuditEntityType } from '../entities/audit.enums';
import { connectionTypes } from '../graphql/connection';
import type { GraphQLContext } from '../graphql/context';
import { parseId } from '../graphql/ids';
import { PageArgs } from './inputs/page.args';

export const { ConnectionType: AuditEntryConnection } = connectionTypes(
  AuditEntry,
  'AuditEntry',
  'audit entry',
);

@InputType({ description: 'Narrows the audit trail; all given conditions must hold.' })
class AuditFilterInput {
  @Field(() => ID, { nullable: true, description: 'Only changes to this wizard.' })
  wizardId?: string | null;

  @Field(() => AuditEntityType, { nullable: true, description: 'Only this kind of thing.' })
  entityType?: AuditEntityType | null;

  @Field(() => ID, { nullable: true, description: 'Only this object (with entityType).' })
  entityId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only changes by this user.' })
  actorUserId?: string | null;

  @Field(() => AuditAction, { nullable: true, description: 'Only this action.' })
  action?: AuditAction | null;

  @Field(() => Date, { nullable: true, description: 'Only changes at or after this time.' })
  since?: Date | null;
}

@ArgsType()
class AuditLogArgs extends PageArgs {
  @Field(() => AuditFilterInput, { nullable: true, description: 'Conditions.' })
  filter?: AuditFilterInput | null;
}

const optionalId = (value: string | null | undefined, field: string) =>
  value == null ? null : parseId(value, `filter.${field}`);

@Resolver()
export class AuditLogResolver {
  @Query(() => AuditEntryConnection, {
    description: 'The authoring audit trail, newest first (authors only).',
  })
  auditLog(@Args() args: AuditLogArgs, @Ctx() ctx: GraphQLContext) {
    const filter = args.filter ?? {};
    return ctx.services.authoring.auditLog.list(
      ctx.db,
      {
        ...filter,
        wizardId: optionalId(filter.wizardId, 'wizardId'),
        entityId: optionalId(filter.entityId, 'entityId'),
        actorUserId: optionalId(filter.actorUserId, 'actorUserId'),
      },
      args,
    );
  }
}

import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { ApiKey } from './api-key.entity';
import { AuditAction, AuditEntityType } from './audit.enums';
import { currentTimestamp } from './column-helpers';
import { checkIn } from './enums';
import { User } from './user.entity';

@ObjectType({
  description: 'One authoring change: who, when, what, before and after.',
  simpleResolvers: true,
})
@Entity({
  name: 'audit_log',
  comment: 'Authoring audit trail: who changed what, when, before and after',
})
@Check('audit_log_action_check', checkIn('action', AuditAction))
@Check('audit_log_entity_type_check', checkIn('entity_type', AuditEntityType))
@Index('idx_audit_log_wizard', ['wizardId', 'id'])
@Index('idx_audit_log_entity', ['entityType', 'entityId'])
@Index('idx_audit_log_actor', ['actorUserId'])
@Index('idx_audit_log_occurred', ['occurredAt'])
export class AuditEntry {
  @Field(() => ID, { description: 'The entry id (ascending in time).' })
  @PrimaryGeneratedColumn('increment', {
    name: 'audit_id',
    primaryKeyConstraintName: 'audit_log_pkey',
  })
  id: number;

  @Field(() => Date, { description: 'When the change was made.' })
  @Column({ name: 'occurred_at', type: 'timestamptz', default: currentTimestamp })
  occurredAt: Date;

  @Field(() => ID, { nullable: true, description: 'Who made it (null once that account is gone).' })
  @Column({ name: 'actor_user_id', type: 'integer', nullable: true })
  @ForeignKey(() => User, { name: 'audit_log_actor_user_id_fkey', onDelete: 'SET NULL' })
  actorUserId: number | null;

  @Field(() => ID, { nullable: true, description: 'The API key used, when it was made with one.' })
  @Column({ name: 'api_key_id', type: 'integer', nullable: true })
  @ForeignKey(() => ApiKey, { name: 'audit_log_api_key_id_fkey', onDelete: 'SET NULL' })
  apiKeyId: number | null;

  @Field(() => String, { nullable: true, description: 'The request id, to find the log lines.' })
  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true })
  requestId: string | null;

  @Field(() => AuditAction, { description: 'What was done.' })
  @Column({ name: 'action', type: 'varchar', length: 20 })
  action: AuditAction;

  @Field(() => AuditEntityType, { description: 'Which kind of thing changed.' })
  @Column({ name: 'entity_type', type: 'varchar', length: 30 })
  entityType: AuditEntityType;

  @Field(() => ID, { description: 'The id of the thing that changed.' })
  @Column({ name: 'entity_id', type: 'integer' })
  entityId: number;

  @Field(() => ID, {
    nullable: true,
    description: 'The wizard it belongs to (kept after deletion).',
  })
  @Column({ name: 'wizard_id', type: 'integer', nullable: true })
  wizardId: number | null;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: 'Changed fields before (null on create).',
  })
  @Column({ name: 'old_values', type: 'jsonb', nullable: true })
  oldValues: Record<string, unknown> | null;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: 'Changed fields after (null on delete).',
  })
  @Column({ name: 'new_values', type: 'jsonb', nullable: true })
  newValues: Record<string, unknown> | null;
}

import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { currentTimestamp } from './column-helpers';
import { checkIn } from './enums';
import { SecurityEventKind, SecuritySeverity } from './security-event.enums';
import { User } from './user.entity';

@ObjectType({
  description: 'A security-relevant event (never with secrets in it).',
  simpleResolvers: true,
})
@Entity({
  name: 'security_events',
  comment: 'Security events: failed log-ins, rejected credentials, role changes',
})
@Check('security_events_kind_check', checkIn('kind', SecurityEventKind))
@Check('security_events_severity_check', checkIn('severity', SecuritySeverity))
@Index('idx_security_events_occurred', ['occurredAt'])
@Index('idx_security_events_user', ['userId'])
@Index('idx_security_events_kind', ['kind'])
export class SecurityEvent {
  @Field(() => ID, { description: 'The event id.' })
  @PrimaryGeneratedColumn('increment', {
    name: 'security_event_id',
    primaryKeyConstraintName: 'security_events_pkey',
  })
  id: number;

  @Field(() => Date, { description: 'When it happened.' })
  @Column({ name: 'occurred_at', type: 'timestamptz', default: currentTimestamp })
  occurredAt: Date;

  @Field(() => ID, { nullable: true, description: 'The user concerned, when known.' })
  @Column({ name: 'user_id', type: 'integer', nullable: true })
  @ForeignKey(() => User, { name: 'security_events_user_id_fkey', onDelete: 'SET NULL' })
  userId: number | null;

  @Field(() => SecurityEventKind, { description: 'What happened.' })
  @Column({ name: 'kind', type: 'varchar', length: 40 })
  kind: SecurityEventKind;

  @Field(() => SecuritySeverity, { description: 'How much attention it deserves.' })
  @Column({ name: 'severity', type: 'varchar', length: 10 })
  severity: SecuritySeverity;

  @Field(() => String, { nullable: true, description: 'Client address.' })
  @Column({ name: 'ip', type: 'varchar', length: 64, nullable: true })
  ip: string | null;

  @Field(() => String, { nullable: true, description: 'Client user agent (truncated).' })
  @Column({ name: 'user_agent', type: 'varchar', length: 300, nullable: true })
  userAgent: string | null;

  @Field(() => String, { nullable: true, description: 'The request id, to find the log lines.' })
  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true })
  requestId: string | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Details (never secrets).' })
  @Column({ name: 'details', type: 'jsonb', nullable: true })
  details: Record<string, unknown> | null;
}

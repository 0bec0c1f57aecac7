import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { currentTimestamp } from './column-helpers';
import { ActivityType, checkIn } from './enums';
import { User } from './user.entity';
import { WizardSession } from './wizard-session.entity';
import { Wizard } from './wizard.entity';

@ObjectType({
  description: 'One transition of a session, logged as it happened.',
  simpleResolvers: true,
})
@Entity({ name: 'wizard_session_activity_log' })
@Check('wizard_session_activity_log_activity_type_check', checkIn('activity_type', ActivityType))
@Index('idx_activity_session', ['sessionId'])
@Index('idx_activity_wizard', ['wizardId'])
@Index('idx_activity_user', ['userId'])
@Index('idx_activity_type', ['type'])
@Index('idx_activity_created', ['createdAt'])
export class WizardSessionActivity {
  @Field(() => ID, { description: 'The log row id; also the cursor of live events.' })
  @PrimaryGeneratedColumn('increment', {
    name: 'log_id',
    primaryKeyConstraintName: 'wizard_session_activity_log_pkey',
  })
  id: number;

  @Field(() => ID, { description: 'The session.' })
  @Column({ name: 'session_id', type: 'integer' })
  @ForeignKey(() => WizardSession, {
    name: 'wizard_session_activity_log_session_id_fkey',
    onDelete: 'CASCADE',
  })
  sessionId: number;

  @Field(() => ID, { description: 'The wizard.' })
  @Column({ name: 'wizard_id', type: 'integer' })
  @ForeignKey(() => Wizard, {
    name: 'wizard_session_activity_log_wizard_id_fkey',
    onDelete: 'CASCADE',
  })
  wizardId: number;

  @Field(() => ID, { description: 'The user who acted.' })
  @Column({ name: 'user_id', type: 'integer' })
  @ForeignKey(() => User, { name: 'wizard_session_activity_log_user_id_fkey', onDelete: 'CASCADE' })
  userId: number;

  @Field(() => ActivityType, { description: 'What happened.' })
  @Column({ name: 'activity_type', type: 'varchar', length: 50 })
  type: ActivityType;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Details of the transition.' })
  @Column({ name: 'activity_details', type: 'jsonb', nullable: true })
  details: Record<string, unknown> | null;

  @Field(() => Date, { nullable: true, description: 'When it happened.' })
  @Column({ name: 'created_at', type: 'timestamptz', nullable: true, default: currentTimestamp })
  createdAt: Date | null;
}

import { LocalDateResolver } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { DecimalScalar } from '../graphql/decimal.scalar';
import { currentTimestamp, nullAsDefault } from './column-helpers';
import { WizardStep } from './wizard-step.entity';
import { Wizard } from './wizard.entity';

@ObjectType({ description: "One wizard's figures for one day.", simpleResolvers: true })
@Entity({ name: 'wizard_analytics' })
@Unique('unique_wizard_date', ['wizardId', 'date'])
@Index('idx_analytics_wizard', ['wizardId'])
@Index('idx_analytics_date', ['date'])
@Index('idx_analytics_wizard_date', ['wizardId', 'date'])
export class WizardAnalytics {
  @Field(() => ID, { description: 'The analytics row id.' })
  @PrimaryGeneratedColumn('increment', {
    name: 'analytics_id',
    primaryKeyConstraintName: 'wizard_analytics_pkey',
  })
  id: number;

  @Field(() => ID, { description: 'The wizard.' })
  @Column({ name: 'wizard_id', type: 'integer' })
  @ForeignKey(() => Wizard, { name: 'wizard_analytics_wizard_id_fkey', onDelete: 'CASCADE' })
  wizardId: number;

  @Field(() => LocalDateResolver, { description: 'The day (UTC).' })
  @Column({ name: 'analytics_date', type: 'date' })
  date: string;

  @Field(() => Int, { description: 'Sessions started that day.' })
  @Column({
    name: 'total_starts',
    type: 'integer',
    nullable: true,
    default: 0,
    transformer: nullAsDefault(0),
  })
  totalStarts: number;

  @Field(() => Int, { description: 'Sessions completed that day.' })
  @Column({
    name: 'total_completions',
    type: 'integer',
    nullable: true,
    default: 0,
    transformer: nullAsDefault(0),
  })
  totalCompletions: number;

  @Field(() => Int, { description: 'Sessions abandoned that day.' })
  @Column({
    name: 'total_abandons',
    type: 'integer',
    nullable: true,
    default: 0,
    transformer: nullAsDefault(0),
  })
  totalAbandons: number;

  @Field(() => DecimalScalar, { nullable: true, description: 'Average minutes to complete.' })
  @Column({
    name: 'avg_completion_time_minutes',
    type: 'decimal',
    precision: 10,
    scale: 2,
    nullable: true,
  })
  avgCompletionTimeMinutes: string | null;

  @Field(() => ID, { nullable: true, description: 'Where most abandoned sessions stood.' })
  @Column({ name: 'most_abandoned_step_id', type: 'integer', nullable: true })
  @ForeignKey(() => WizardStep, { name: 'wizard_analytics_most_abandoned_step_id_fkey' })
  mostAbandonedStepId: number | null;

  @Field(() => ID, { nullable: true, description: 'The step users spent the most time on.' })
  @Column({ name: 'most_time_spent_step_id', type: 'integer', nullable: true })
  @ForeignKey(() => WizardStep, { name: 'wizard_analytics_most_time_spent_step_id_fkey' })
  mostTimeSpentStepId: number | null;

  @Field(() => Int, { description: 'Distinct users with a session that day.' })
  @Column({
    name: 'unique_users',
    type: 'integer',
    nullable: true,
    default: 0,
    transformer: nullAsDefault(0),
  })
  uniqueUsers: number;

  @Field(() => Int, { description: 'Users who had an earlier session of the wizard.' })
  @Column({
    name: 'returning_users',
    type: 'integer',
    nullable: true,
    default: 0,
    transformer: nullAsDefault(0),
  })
  returningUsers: number;

  @Field(() => Date, { nullable: true, description: 'When the row was computed.' })
  @Column({ name: 'created_at', type: 'timestamptz', nullable: true, default: currentTimestamp })
  createdAt: Date | null;
}

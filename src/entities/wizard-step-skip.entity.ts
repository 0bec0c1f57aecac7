import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { currentTimestamp } from './column-helpers';
import { WizardSession } from './wizard-session.entity';
import { WizardStep } from './wizard-step.entity';

@ObjectType({ description: 'A step a session skipped.', simpleResolvers: true })
@Entity({ name: 'wizard_step_skips' })
@Unique('unique_session_step_skip', ['sessionId', 'stepId'])
@Index('idx_step_skips_session', ['sessionId'])
export class WizardStepSkip {
  @Field(() => ID, { description: 'The skip id.' })
  @PrimaryGeneratedColumn('increment', {
    name: 'skip_id',
    primaryKeyConstraintName: 'wizard_step_skips_pkey',
  })
  id: number;

  @Field(() => ID, { description: 'The session that skipped.' })
  @Column({ name: 'session_id', type: 'integer' })
  @ForeignKey(() => WizardSession, {
    name: 'wizard_step_skips_session_id_fkey',
    onDelete: 'CASCADE',
  })
  sessionId: number;

  @Field(() => ID, { description: 'The step skipped.' })
  @Column({ name: 'step_id', type: 'integer' })
  @ForeignKey(() => WizardStep, { name: 'wizard_step_skips_step_id_fkey' })
  stepId: number;

  @Field(() => String, { nullable: true, description: 'Why it was skipped.' })
  @Column({ name: 'skip_reason', type: 'varchar', length: 255, nullable: true })
  reason: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was skipped.' })
  @Column({ name: 'skipped_at', type: 'timestamptz', nullable: true, default: currentTimestamp })
  skippedAt: Date | null;
}

import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { currentTimestamp } from './column-helpers';
import { WizardOptionSet } from './wizard-option-set.entity';
import { WizardOption } from './wizard-option.entity';
import { WizardSession } from './wizard-session.entity';
import { WizardStep } from './wizard-step.entity';

@ObjectType({
  description: 'One recorded answer: an option chosen, or a value given, in a set.',
  simpleResolvers: true,
})
@Entity({ name: 'wizard_user_selections' })
@Index('idx_selections_session', ['sessionId'])
@Index('idx_selections_session_step', ['sessionId', 'stepId'])
@Index('idx_selections_session_order', ['sessionId', 'selectionOrder'])
export class WizardUserSelection {
  @Field(() => ID, { description: 'The selection id.' })
  @PrimaryGeneratedColumn('increment', {
    name: 'selection_id',
    primaryKeyConstraintName: 'wizard_user_selections_pkey',
  })
  id: number;

  @Field(() => ID, { description: 'The session it belongs to.' })
  @Column({ name: 'session_id', type: 'integer' })
  @ForeignKey(() => WizardSession, {
    name: 'wizard_user_selections_session_id_fkey',
    onDelete: 'CASCADE',
  })
  sessionId: number;

  @Field(() => ID, { description: 'The step answered.' })
  @Column({ name: 'step_id', type: 'integer' })
  @ForeignKey(() => WizardStep, { name: 'wizard_user_selections_step_id_fkey' })
  stepId: number;

  @Field(() => ID, { description: 'The option set answered.' })
  @Column({ name: 'set_id', type: 'integer' })
  @ForeignKey(() => WizardOptionSet, { name: 'wizard_user_selections_set_id_fkey' })
  setId: number;

  @Field(() => ID, { nullable: true, description: 'The option chosen (null for value answers).' })
  @Column({ name: 'option_id', type: 'integer', nullable: true })
  @ForeignKey(() => WizardOption, { name: 'wizard_user_selections_option_id_fkey' })
  optionId: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'The value given (text, date, file reference).',
  })
  @Column({ name: 'selected_value', type: 'text', nullable: true })
  selectedValue: string | null;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: 'Additional input for options that need it.',
  })
  @Column({ name: 'additional_input', type: 'jsonb', nullable: true })
  additionalInput: Record<string, unknown> | null;

  /** AES-256-GCM ciphertext used when the session does not store user data; never a GraphQL field. */
  @Column({ name: 'additional_input_encrypted', type: 'text', nullable: true })
  additionalInputEncrypted: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was recorded.' })
  @Column({ name: 'selected_at', type: 'timestamptz', nullable: true, default: currentTimestamp })
  selectedAt: Date | null;

  @Field(() => Int, { nullable: true, description: 'Order of recording within the session.' })
  @Column({ name: 'selection_order', type: 'integer', nullable: true })
  selectionOrder: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Seconds spent on the step, measured by the server.',
  })
  @Column({ name: 'time_spent_seconds', type: 'integer', nullable: true })
  timeSpentSeconds: number | null;
}

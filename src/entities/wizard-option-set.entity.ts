import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { currentTimestamp, nullAsDefault, nullAsFalse } from './column-helpers';
import { checkIn, SelectionType } from './enums';
import { WizardStep } from './wizard-step.entity';

@ObjectType({
  description: 'A group of options answered together inside a step.',
  simpleResolvers: true,
})
@Entity({ name: 'wizard_option_sets', comment: 'Groups of options within each step' })
@Unique('unique_set_key', ['stepId', 'key'])
@Check('wizard_option_sets_selection_type_check', checkIn('selection_type', SelectionType))
@Index('idx_option_sets_step', ['stepId'])
@Index('idx_option_sets_step_order', ['stepId', 'order'])
export class WizardOptionSet {
  @Field(() => ID, { description: 'The option set id.' })
  @PrimaryGeneratedColumn('increment', {
    name: 'set_id',
    primaryKeyConstraintName: 'wizard_option_sets_pkey',
  })
  id: number;

  @Field(() => ID, { description: 'The step this set belongs to.' })
  @Column({ name: 'step_id', type: 'integer' })
  @ForeignKey(() => WizardStep, { name: 'wizard_option_sets_step_id_fkey', onDelete: 'CASCADE' })
  stepId: number;

  @Field({ description: 'Key unique within the step; used in conditions and exports.' })
  @Column({ name: 'set_key', type: 'varchar', length: 100 })
  key: string;

  @Field({ description: 'Short name.' })
  @Column({ name: 'set_name', type: 'varchar', length: 100 })
  name: string;

  @Field(() => String, { nullable: true, description: 'Heading shown above the options.' })
  @Column({ name: 'set_title', type: 'varchar', length: 200, nullable: true })
  title: string | null;

  @Field(() => String, { nullable: true, description: 'Description shown with the set.' })
  @Column({ name: 'set_description', type: 'text', nullable: true })
  description: string | null;

  @Field(() => String, { nullable: true, description: 'Help text shown on demand.' })
  @Column({ name: 'set_help_text', type: 'text', nullable: true })
  helpText: string | null;

  @Field(() => Int, { description: 'Position within the step (ascending).' })
  @Column({
    name: 'set_order',
    type: 'integer',
    nullable: true,
    default: 0,
    transformer: nullAsDefault(0),
  })
  order: number;

  @Field(() => SelectionType, { description: 'How the set is answered.' })
  @Column({
    name: 'selection_type',
    type: 'varchar',
    length: 20,
    nullable: true,
    default: SelectionType.SINGLE,
    transformer: nullAsDefault(SelectionType.SINGLE),
  })
  selectionType: SelectionType;

  @Field({ description: 'Whether an answer is needed (dependencies can change this at run time).' })
  @Column({ name: 'is_required', nullable: true, default: true, transformer: nullAsFalse })
  isRequired: boolean;

  @Field(() => Int, { description: 'Fewest options to choose (MULTIPLE).' })
  @Column({
    name: 'min_selections',
    type: 'integer',
    nullable: true,
    default: 0,
    transformer: nullAsDefault(0),
  })
  minSelections: number;

  @Field(() => Int, {
    nullable: true,
    description: 'Most options to choose (MULTIPLE); null is no limit.',
  })
  @Column({ name: 'max_selections', type: 'integer', nullable: true })
  maxSelections: number | null;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description:
      'Answer checks by selection type, e.g. {"minLength":2,"maxLength":80} for TEXT_INPUT.',
  })
  @Column({ name: 'validation_rules', type: 'jsonb', nullable: true })
  validationRules: Record<string, unknown> | null;

  @Field({ description: 'Inactive sets are left out of sessions.' })
  @Column({ name: 'is_active', nullable: true, default: true, transformer: nullAsFalse })
  isActive: boolean;

  @Field(() => Date, { nullable: true, description: 'When it was created.' })
  @Column({ name: 'created_at', type: 'timestamptz', nullable: true, default: currentTimestamp })
  createdAt: Date | null;
}

import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { currentTimestamp, nullAsFalse } from './column-helpers';
import { Wizard } from './wizard.entity';

@ObjectType({ description: 'One step (page) of a wizard.', simpleResolvers: true })
@Entity({ name: 'wizard_steps', comment: 'Stores steps within each wizard' })
@Unique('unique_step_key', ['wizardId', 'key'])
@Index('idx_steps_wizard', ['wizardId'])
@Index('idx_steps_wizard_order', ['wizardId', 'order'])
export class WizardStep {
  @Field(() => ID, { description: 'The step id.' })
  @PrimaryGeneratedColumn('increment', {
    name: 'step_id',
    primaryKeyConstraintName: 'wizard_steps_pkey',
  })
  id: number;

  @Field(() => ID, { description: 'The wizard this step belongs to.' })
  @Column({ name: 'wizard_id', type: 'integer' })
  @ForeignKey(() => Wizard, { name: 'wizard_steps_wizard_id_fkey', onDelete: 'CASCADE' })
  wizardId: number;

  @Field({ description: 'Key unique within the wizard; used in conditions and exports.' })
  @Column({ name: 'step_key', type: 'varchar', length: 100 })
  key: string;

  @Field({ description: 'Short name.' })
  @Column({ name: 'step_name', type: 'varchar', length: 100 })
  name: string;

  @Field(() => Int, { description: 'Position in the default order (ascending).' })
  @Column({ name: 'step_order', type: 'integer' })
  order: number;

  @Field(() => String, { nullable: true, description: 'Heading shown on the step.' })
  @Column({ name: 'step_title', type: 'varchar', length: 200, nullable: true })
  title: string | null;

  @Field(() => String, { nullable: true, description: 'Description shown on the step.' })
  @Column({ name: 'step_description', type: 'text', nullable: true })
  description: string | null;

  @Field(() => String, { nullable: true, description: 'Help text shown on demand.' })
  @Column({ name: 'step_help_text', type: 'text', nullable: true })
  helpText: string | null;

  @Field({ description: 'Required steps cannot be skipped (unless an OPTIONAL rule leads here).' })
  @Column({ name: 'is_required', nullable: true, default: true, transformer: nullAsFalse })
  isRequired: boolean;

  @Field({ description: 'Whether the user may go back from this step.' })
  @Column({
    name: 'allow_back_navigation',
    nullable: true,
    default: true,
    transformer: nullAsFalse,
  })
  allowBackNavigation: boolean;

  @Field({ description: 'Advance automatically on a valid single answer.' })
  @Column({
    name: 'auto_advance',
    nullable: true,
    default: false,
    transformer: nullAsFalse,
  })
  autoAdvance: boolean;

  @Field({ description: 'Whether clients should show a progress bar on this step.' })
  @Column({
    name: 'show_progress_bar',
    nullable: true,
    default: true,
    transformer: nullAsFalse,
  })
  showProgressBar: boolean;

  @Field(() => String, { nullable: true, description: 'Icon name for display.' })
  @Column({ name: 'step_icon', type: 'varchar', length: 100, nullable: true })
  icon: string | null;

  @Field({ description: 'Inactive steps are left out of sessions.' })
  @Column({ name: 'is_active', nullable: true, default: true, transformer: nullAsFalse })
  isActive: boolean;

  @Field(() => Date, { nullable: true, description: 'When it was created.' })
  @Column({ name: 'created_at', type: 'timestamptz', nullable: true, default: currentTimestamp })
  createdAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it last changed.' })
  @Column({ name: 'updated_at', type: 'timestamptz', nullable: true, default: currentTimestamp })
  updatedAt: Date | null;
}

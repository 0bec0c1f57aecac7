import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { DecimalScalar } from '../graphql/decimal.scalar';
import { currentTimestamp, nullAsDefault, nullAsFalse } from './column-helpers';
import { WizardOptionSet } from './wizard-option-set.entity';

@ObjectType({ description: 'One selectable choice inside an option set.', simpleResolvers: true })
@Entity({ name: 'wizard_options', comment: 'Individual selectable options' })
@Unique('unique_option_key', ['setId', 'key'])
@Index('idx_options_set', ['setId'])
@Index('idx_options_set_order', ['setId', 'order'])
export class WizardOption {
  @Field(() => ID, { description: 'The option id.' })
  @PrimaryGeneratedColumn('increment', {
    name: 'option_id',
    primaryKeyConstraintName: 'wizard_options_pkey',
  })
  id: number;

  @Field(() => ID, { description: 'The option set this option belongs to.' })
  @Column({ name: 'set_id', type: 'integer' })
  @ForeignKey(() => WizardOptionSet, { name: 'wizard_options_set_id_fkey', onDelete: 'CASCADE' })
  setId: number;

  @Field({ description: 'Key unique within the set; used in conditions and exports.' })
  @Column({ name: 'option_key', type: 'varchar', length: 100 })
  key: string;

  @Field({ description: 'Label shown to the user.' })
  @Column({ name: 'option_label', type: 'varchar', length: 200 })
  label: string;

  @Field(() => String, { nullable: true, description: 'Longer description.' })
  @Column({ name: 'option_description', type: 'text', nullable: true })
  description: string | null;

  @Field(() => String, { nullable: true, description: 'Machine value carried by the option.' })
  @Column({ name: 'option_value', type: 'varchar', length: 255, nullable: true })
  value: string | null;

  @Field(() => String, { nullable: true, description: 'Icon name for display.' })
  @Column({ name: 'option_icon', type: 'varchar', length: 100, nullable: true })
  icon: string | null;

  @Field(() => String, { nullable: true, description: 'Image URL for display.' })
  @Column({ name: 'option_image_url', type: 'varchar', length: 255, nullable: true })
  imageUrl: string | null;

  @Field(() => DecimalScalar, { description: 'Price added when selected, e.g. "149.00".' })
  @Column({
    name: 'option_price',
    type: 'decimal',
    precision: 10,
    scale: 2,
    nullable: true,
    default: () => '0.00',
    transformer: nullAsDefault('0.00'),
  })
  price: string;

  @Field(() => Int, { description: 'Position within the set (ascending).' })
  @Column({
    name: 'option_order',
    type: 'integer',
    nullable: true,
    default: 0,
    transformer: nullAsDefault(0),
  })
  order: number;

  @Field({ description: 'Pre-selected when the set has no answer yet.' })
  @Column({ name: 'is_default', nullable: true, default: false, transformer: nullAsFalse })
  isDefault: boolean;

  @Field({ description: 'Shown but never selectable.' })
  @Column({
    name: 'is_disabled',
    nullable: true,
    default: false,
    transformer: nullAsFalse,
  })
  isDisabled: boolean;

  @Field({ description: 'Highlighted as the recommended choice.' })
  @Column({
    name: 'is_recommended',
    nullable: true,
    default: false,
    transformer: nullAsFalse,
  })
  isRecommended: boolean;

  @Field({ description: 'Choosing it needs additional input from the user.' })
  @Column({
    name: 'requires_input',
    nullable: true,
    default: false,
    transformer: nullAsFalse,
  })
  requiresInput: boolean;

  @Field(() => String, { nullable: true, description: 'Placeholder for the additional input.' })
  @Column({ name: 'input_placeholder', type: 'varchar', length: 255, nullable: true })
  inputPlaceholder: string | null;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: 'Free-form metadata for clients.',
  })
  @Column({ name: 'option_metadata', type: 'jsonb', nullable: true })
  metadata: Record<string, unknown> | null;

  @Field({ description: 'Inactive options are left out of sessions.' })
  @Column({ name: 'is_active', nullable: true, default: true, transformer: nullAsFalse })
  isActive: boolean;

  @Field(() => Date, { nullable: true, description: 'When it was created.' })
  @Column({ name: 'created_at', type: 'timestamptz', nullable: true, default: currentTimestamp })
  createdAt: Date | null;
}

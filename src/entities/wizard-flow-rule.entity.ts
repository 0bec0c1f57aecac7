import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { currentTimestamp, nullAsDefault, nullAsFalse } from './column-helpers';
import { checkIn, ConditionType } from './enums';
import { WizardOption } from './wizard-option.entity';
import { WizardStep } from './wizard-step.entity';
import { Wizard } from './wizard.entity';

@ObjectType({
  description: 'Where a session goes after a step, tried by descending priority.',
  simpleResolvers: true,
})
@Entity({ name: 'wizard_flow_rules' })
@Check('wizard_flow_rules_condition_type_check', checkIn('condition_type', ConditionType))
@Index('idx_flow_rules_wizard', ['wizardId'])
@Index('idx_flow_rules_from', ['fromStepId', 'fromOptionId'])
export class WizardFlowRule {
  @Field(() => ID, { description: 'The flow rule id.' })
  @PrimaryGeneratedColumn('increment', {
    name: 'rule_id',
    primaryKeyConstraintName: 'wizard_flow_rules_pkey',
  })
  id: number;

  @Field(() => ID, { description: 'The wizard this rule belongs to.' })
  @Column({ name: 'wizard_id', type: 'integer' })
  @ForeignKey(() => Wizard, { name: 'wizard_flow_rules_wizard_id_fkey', onDelete: 'CASCADE' })
  wizardId: number;

  @Field(() => String, { nullable: true, description: 'Name for authors.' })
  @Column({ name: 'rule_name', type: 'varchar', length: 100, nullable: true })
  name: string | null;

  @Field(() => String, { nullable: true, description: 'Explanation for authors.' })
  @Column({ name: 'rule_description', type: 'text', nullable: true })
  description: string | null;

  @Field(() => ID, { description: 'The step this rule leaves from.' })
  @Column({ name: 'from_step_id', type: 'integer' })
  @ForeignKey(() => WizardStep, { name: 'wizard_flow_rules_from_step_id_fkey' })
  fromStepId: number;

  @Field(() => ID, {
    nullable: true,
    description: 'When set, the rule applies only if this option was chosen.',
  })
  @Column({ name: 'from_option_id', type: 'integer', nullable: true })
  @ForeignKey(() => WizardOption, { name: 'wizard_flow_rules_from_option_id_fkey' })
  fromOptionId: number | null;

  @Field(() => ID, { description: 'The step this rule leads to.' })
  @Column({ name: 'to_step_id', type: 'integer' })
  @ForeignKey(() => WizardStep, { name: 'wizard_flow_rules_to_step_id_fkey' })
  toStepId: number;

  @Field(() => ConditionType, { description: 'How the rule decides.' })
  @Column({
    name: 'condition_type',
    type: 'varchar',
    length: 20,
    nullable: true,
    default: ConditionType.REQUIRED,
    transformer: nullAsDefault(ConditionType.REQUIRED),
  })
  conditionType: ConditionType;

  @Field(() => String, { nullable: true, description: 'CEL expression for CONDITIONAL rules.' })
  @Column({ name: 'condition_expression', type: 'text', nullable: true })
  conditionExpression: string | null;

  @Field(() => Int, { description: 'Rules are tried from the highest priority down.' })
  @Column({
    name: 'priority',
    type: 'integer',
    nullable: true,
    default: 0,
    transformer: nullAsDefault(0),
  })
  priority: number;

  @Field({ description: 'Inactive rules are ignored.' })
  @Column({ name: 'is_active', nullable: true, default: true, transformer: nullAsFalse })
  isActive: boolean;

  @Field(() => Date, { nullable: true, description: 'When it was created.' })
  @Column({ name: 'created_at', type: 'timestamptz', nullable: true, default: currentTimestamp })
  createdAt: Date | null;
}

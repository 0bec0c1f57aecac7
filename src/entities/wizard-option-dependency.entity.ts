import { Field, ID, ObjectType } from 'type-graphql';
import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { currentTimestamp, nullAsDefault } from './column-helpers';
import { checkIn, DependencyType } from './enums';
import { WizardOption } from './wizard-option.entity';
import { WizardStep } from './wizard-step.entity';

@ObjectType({
  description: 'Makes an option depend on an answer given on an earlier step.',
  simpleResolvers: true,
})
@Entity({ name: 'wizard_option_dependencies' })
@Check(
  'wizard_option_dependencies_dependency_type_check',
  checkIn('dependency_type', DependencyType),
)
@Index('idx_option_deps_option', ['optionId'])
@Index('idx_option_deps_depends', ['dependsOnStepId', 'dependsOnOptionId'])
export class WizardOptionDependency {
  @Field(() => ID, { description: 'The dependency id.' })
  @PrimaryGeneratedColumn('increment', {
    name: 'dependency_id',
    primaryKeyConstraintName: 'wizard_option_dependencies_pkey',
  })
  id: number;

  @Field(() => ID, { description: 'The option that is shown, hidden, required or disabled.' })
  @Column({ name: 'option_id', type: 'integer' })
  @ForeignKey(() => WizardOption, {
    name: 'wizard_option_dependencies_option_id_fkey',
    onDelete: 'CASCADE',
  })
  optionId: number;

  @Field(() => ID, { description: 'The earlier step holding the source option.' })
  @Column({ name: 'depends_on_step_id', type: 'integer' })
  @ForeignKey(() => WizardStep, { name: 'wizard_option_dependencies_depends_on_step_id_fkey' })
  dependsOnStepId: number;

  @Field(() => ID, { description: 'The source option whose selection triggers the dependency.' })
  @Column({ name: 'depends_on_option_id', type: 'integer' })
  @ForeignKey(() => WizardOption, { name: 'wizard_option_dependencies_depends_on_option_id_fkey' })
  dependsOnOptionId: number;

  @Field(() => DependencyType, { description: 'What the source selection does to the option.' })
  @Column({
    name: 'dependency_type',
    type: 'varchar',
    length: 20,
    nullable: true,
    default: DependencyType.SHOW_IF,
    transformer: nullAsDefault(DependencyType.SHOW_IF),
  })
  type: DependencyType;

  @Field(() => Date, { nullable: true, description: 'When it was created.' })
  @Column({ name: 'created_at', type: 'timestamptz', nullable: true, default: currentTimestamp })
  createdAt: Date | null;
}

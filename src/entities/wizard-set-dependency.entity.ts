import { Field, ID, ObjectType } from 'type-graphql';
import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { currentTimestamp, nullAsDefault } from './column-helpers';
import { checkIn, SetDependencyType } from './enums';
import { WizardOptionSet } from './wizard-option-set.entity';
import { WizardOption } from './wizard-option.entity';
import { WizardStep } from './wizard-step.entity';

@ObjectType({
  description: 'Makes a whole option set depend on an answer given on an earlier step.',
  simpleResolvers: true,
})
@Entity({ name: 'wizard_set_dependencies' })
@Check(
  'wizard_set_dependencies_dependency_type_check',
  checkIn('dependency_type', SetDependencyType),
)
@Index('idx_set_deps_set', ['setId'])
@Index('idx_set_deps_depends', ['dependsOnStepId', 'dependsOnOptionId'])
export class WizardSetDependency {
  @Field(() => ID, { description: 'The dependency id.' })
  @PrimaryGeneratedColumn('increment', {
    name: 'dependency_id',
    primaryKeyConstraintName: 'wizard_set_dependencies_pkey',
  })
  id: number;

  @Field(() => ID, { description: 'The option set that is shown, hidden or required.' })
  @Column({ name: 'set_id', type: 'integer' })
  @ForeignKey(() => WizardOptionSet, {
    name: 'wizard_set_dependencies_set_id_fkey',
    onDelete: 'CASCADE',
  })
  setId: number;

  @Field(() => ID, { description: 'The earlier step holding the source option.' })
  @Column({ name: 'depends_on_step_id', type: 'integer' })
  @ForeignKey(() => WizardStep, { name: 'wizard_set_dependencies_depends_on_step_id_fkey' })
  dependsOnStepId: number;

  @Field(() => ID, { description: 'The source option whose selection triggers the dependency.' })
  @Column({ name: 'depends_on_option_id', type: 'integer' })
  @ForeignKey(() => WizardOption, { name: 'wizard_set_dependencies_depends_on_option_id_fkey' })
  dependsOnOptionId: number;

  @Field(() => SetDependencyType, { description: 'What the source selection does to the set.' })
  @Column({
    name: 'dependency_type',
    type: 'varchar',
    length: 20,
    nullable: true,
    default: SetDependencyType.SHOW_IF,
    transformer: nullAsDefault(SetDependencyType.SHOW_IF),
  })
  type: SetDependencyType;

  @Field(() => Date, { nullable: true, description: 'When it was created.' })
  @Column({ name: 'created_at', type: 'timestamptz', nullable: true, default: currentTimestamp })
  createdAt: Date | null;
}

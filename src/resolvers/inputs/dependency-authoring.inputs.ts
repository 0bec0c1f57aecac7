import { Field, ID, InputType } from 'type-graphql';
import { DependencyType, SetDependencyType } from '../../entities/enums';

@InputType({ description: 'A new dependency of an option on an answer given on an earlier step.' })
export class CreateOptionDependencyInput {
  @Field(() => ID, { description: 'The option that depends.' })
  optionId: string;

  @Field(() => ID, { description: 'The option (of an earlier step) it depends on.' })
  dependsOnOptionId: string;

  @Field(() => ID, { nullable: true, description: "That option's step (derived when omitted)." })
  dependsOnStepId?: string | null;

  @Field(() => DependencyType, { defaultValue: DependencyType.SHOW_IF, description: 'The effect.' })
  type: DependencyType;
}

@InputType({ description: 'A new dependency of a whole option set on an earlier answer.' })
export class CreateSetDependencyInput {
  @Field(() => ID, { description: 'The option set that depends.' })
  setId: string;

  @Field(() => ID, { description: 'The option (of an earlier step) it depends on.' })
  dependsOnOptionId: string;

  @Field(() => ID, { nullable: true, description: "That option's step (derived when omitted)." })
  dependsOnStepId?: string | null;

  @Field(() => SetDependencyType, {
    defaultValue: SetDependencyType.SHOW_IF,
    description: 'The effect.',
  })
  type: SetDependencyType;
}

@InputType({ description: 'Changes to an option dependency: omitted fields stay as they are.' })
export class UpdateOptionDependencyInput {
  @Field(() => ID, { description: 'The dependency.' })
  id: string;

  @Field(() => ID, { nullable: true, description: 'A new source option (of an earlier step).' })
  dependsOnOptionId?: string | null;

  @Field(() => ID, { nullable: true, description: "The new source option's step (optional)." })
  dependsOnStepId?: string | null;

  @Field(() => DependencyType, { nullable: true, description: 'A new effect.' })
  type?: DependencyType | null;
}

@InputType({ description: 'Changes to a set dependency: omitted fields stay as they are.' })
export class UpdateSetDependencyInput {
  @Field(() => ID, { description: 'The dependency.' })
  id: string;

  @Field(() => ID, { nullable: true, description: 'A new source option (of an earlier step).' })
  dependsOnOptionId?: string | null;

  @Field(() => ID, { nullable: true, description: "The new source option's step (optional)." })
  dependsOnStepId?: string | null;

  @Field(() => SetDependencyType, { nullable: true, description: 'A new effect.' })
  type?: SetDependencyType | null;
}

@InputType({ description: 'The dependency to delete.' })
export class DeleteDependencyInput {
  @Field(() => ID, { description: 'The dependency.' })
  id: string;
}

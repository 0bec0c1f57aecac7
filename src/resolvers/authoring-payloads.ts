import { Field, ID, ObjectType } from 'type-graphql';
import {
  Wizard,
  WizardFlowRule,
  WizardOption,
  WizardOptionDependency,
  WizardOptionSet,
  WizardSetDependency,
  WizardStep,
} from '../entities';

@ObjectType({ description: 'The wizard as it is after the change.' })
export class WizardPayload {
  @Field(() => Wizard, { description: 'The wizard.' })
  wizard: Wizard;
}

@ObjectType({ description: 'The step as it is after the change.' })
export class StepPayload {
  @Field(() => WizardStep, { description: 'The step.' })
  step: WizardStep;
}

@ObjectType({ description: "A wizard's steps in their new order." })
export class ReorderStepsPayload {
  @Field(() => [WizardStep], { description: 'Every step of the wizard, in order.' })
  steps: WizardStep[];
}

@ObjectType({ description: 'The option set as it is after the change.' })
export class OptionSetPayload {
  @Field(() => WizardOptionSet, { description: 'The option set.' })
  optionSet: WizardOptionSet;
}

@ObjectType({ description: "A step's option sets in their new order." })
export class ReorderOptionSetsPayload {
  @Field(() => [WizardOptionSet], { description: 'Every option set of the step, in order.' })
  optionSets: WizardOptionSet[];
}

@ObjectType({ description: 'The option as it is after the change.' })
export class OptionPayload {
  @Field(() => WizardOption, { description: 'The option.' })
  option: WizardOption;
}

@ObjectType({ description: "An option set's options in their new order." })
export class ReorderOptionsPayload {
  @Field(() => [WizardOption], { description: 'Every option of the set, in order.' })
  options: WizardOption[];
}

@ObjectType({ description: 'What was deleted.' })
export class DeletePayload {
  @Field(() => ID, { description: 'The id of the deleted object.' })
  deletedId: number;
}

@ObjectType({ description: 'The flow rule as it is after the change.' })
export class FlowRulePayload {
  @Field(() => WizardFlowRule, { description: 'The rule.' })
  flowRule: WizardFlowRule;
}

@ObjectType({ description: 'The option dependency as it is after the change.' })
export class OptionDependencyPayload {
  @Field(() => WizardOptionDependency, { description: 'The dependency.' })
  dependency: WizardOptionDependency;
}

@ObjectType({ description: 'The set dependency as it is after the change.' })
export class SetDependencyPayload {
  @Field(() => WizardSetDependency, { description: 'The dependency.' })
  dependency: WizardSetDependency;
}

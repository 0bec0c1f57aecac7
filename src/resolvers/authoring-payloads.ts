import { Field, ID, ObjectType } from 'type-graphql';
import {
  Wizard,
  WizardFlowRule,
  WizardOptionDependency,
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

import { IsBoolean, IsInt, IsOptional, Max, MaxLength, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { ConditionType } from '../../entities/enums';
import { UnlessOmitted } from './authoring-rules';

/** CEL conditions are short by design; longer text is refused before it is parsed. */
export const CONDITION_MAX_LENGTH = 1000;

@InputType({ description: 'The editable fields of a flow rule.' })
class FlowRuleFields {
  @Field(() => String, { nullable: true, description: 'A name for authors (up to 100).' })
  @IsOptional()
  @MaxLength(100)
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'What the rule is for.' })
  @IsOptional()
  @MaxLength(10_000)
  description?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Only when this option of the from-step was chosen.',
  })
  fromOptionId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: `CEL condition (CONDITIONAL rules only; up to ${CONDITION_MAX_LENGTH} characters).`,
  })
  @IsOptional()
  @MaxLength(CONDITION_MAX_LENGTH)
  conditionExpression?: string | null;

  @Field(() => Int, { nullable: true, description: 'Higher is tried first (-1000 to 1000).' })
  @UnlessOmitted()
  @IsInt()
  @Min(-1000)
  @Max(1000)
  priority?: number;

  @Field(() => Boolean, { nullable: true, description: 'Inactive rules are never tried.' })
  @UnlessOmitted()
  @IsBoolean()
  isActive?: boolean;
}

@InputType({ description: 'A new flow rule between two steps of a wizard.' })
export class CreateFlowRuleInput extends FlowRuleFields {
  @Field(() => ID, { description: 'The wizard.' })
  wizardId: string;

  @Field(() => ID, { description: 'The step the rule leaves from.' })
  fromStepId: string;

  @Field(() => ID, { description: 'The step the rule leads to.' })
  toStepId: string;

  @Field(() => ConditionType, {
    defaultValue: ConditionType.REQUIRED,
    description: 'REQUIRED, OPTIONAL (the target may be skipped) or CONDITIONAL.',
  })
  conditionType: ConditionType;
}

@InputType({ description: 'Changes to a flow rule: omitted fields stay; null clears.' })
export class UpdateFlowRuleInput extends FlowRuleFields {
  @Field(() => ID, { description: 'The rule.' })
  id: string;

  @Field(() => ID, { nullable: true, description: 'A new from-step.' })
  @UnlessOmitted()
  fromStepId?: string;

  @Field(() => ID, { nullable: true, description: 'A new target step.' })
  @UnlessOmitted()
  toStepId?: string;

  @Field(() => ConditionType, { nullable: true, description: 'A new condition type.' })
  @UnlessOmitted()
  conditionType?: ConditionType;
}

@InputType({ description: 'The flow rule to delete.' })
export class DeleteFlowRuleInput {
  @Field(() => ID, { description: 'The rule.' })
  id: string;
}

import {
  ArrayMaxSize,
  IsBoolean,
  IsInt,
  IsOptional,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { ItemKey, UnlessOmitted } from './authoring-rules';

/** The editable fields of a step, shared by create and update (lengths from the columns). */
@InputType({ description: 'The editable fields of a step.' })
class StepFields {
  @Field(() => String, { nullable: true, description: 'Heading shown on the step (up to 200).' })
  @IsOptional()
  @MaxLength(200)
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'Description shown on the step.' })
  @IsOptional()
  @MaxLength(10_000)
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'Help text shown on demand.' })
  @IsOptional()
  @MaxLength(10_000)
  helpText?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Required steps cannot be skipped.' })
  @UnlessOmitted()
  @IsBoolean()
  isRequired?: boolean;

  @Field(() => Boolean, { nullable: true, description: 'The user may go back from this step.' })
  @UnlessOmitted()
  @IsBoolean()
  allowBackNavigation?: boolean;

  @Field(() => Boolean, { nullable: true, description: 'Advance on a valid single answer.' })
  @UnlessOmitted()
  @IsBoolean()
  autoAdvance?: boolean;

  @Field(() => Boolean, { nullable: true, description: 'Clients show a progress bar.' })
  @UnlessOmitted()
  @IsBoolean()
  showProgressBar?: boolean;

  @Field(() => String, { nullable: true, description: 'Icon name (up to 100 characters).' })
  @IsOptional()
  @MaxLength(100)
  icon?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Inactive steps are left out of sessions.' })
  @UnlessOmitted()
  @IsBoolean()
  isActive?: boolean;
}

@InputType({ description: 'A new step of a wizard.' })
export class CreateStepInput extends StepFields {
  @Field(() => ID, { description: 'The wizard.' })
  wizardId: string;

  @Field({ description: 'Key unique in the wizard: a-z, 0-9 and "_", starting with a letter.' })
  @ItemKey()
  key: string;

  @Field({ description: 'Short name (1-100 characters).' })
  @Length(1, 100)
  name: string;

  @Field(() => Int, { nullable: true, description: 'Position, 1-based (default: last).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(500)
  position?: number | null;
}

@InputType({ description: 'Changes to a step: omitted fields stay as they are; null clears.' })
export class UpdateStepInput extends StepFields {
  @Field(() => ID, { description: 'The step.' })
  id: string;

  @Field(() => String, { nullable: true, description: 'A new key (unique in the wizard).' })
  @UnlessOmitted()
  @ItemKey()
  key?: string;

  @Field(() => String, { nullable: true, description: 'A new short name (1-100 characters).' })
  @UnlessOmitted()
  @Length(1, 100)
  name?: string;
}

@InputType({ description: 'The step to delete.' })
export class DeleteStepInput {
  @Field(() => ID, { description: 'The step.' })
  id: string;
}

@InputType({ description: "A wizard's steps in their new order." })
export class ReorderStepsInput {
  @Field(() => ID, { description: 'The wizard.' })
  wizardId: string;

  @Field(() => [ID], { description: 'Every step id of the wizard, each once, in the new order.' })
  @ArrayMaxSize(500)
  stepIds: string[];
}

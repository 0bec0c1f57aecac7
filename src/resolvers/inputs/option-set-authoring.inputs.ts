import {
  ArrayMaxSize,
  IsBoolean,
  IsEnum,
  IsInt,
  IsOptional,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, InputType, Int } from 'type-graphql';
import { SelectionType } from '../../entities/enums';
import { ItemKey, NotAbove, UnlessOmitted } from './authoring-rules';

/** Upper bound for positions, selection counts and reorder lists of sets and options. */
export const MAX_CHILDREN = 1000;

/** The editable fields of an option set, shared by create and update (lengths from the columns). */
@InputType({ description: 'The editable fields of an option set.' })
class OptionSetFields {
  @Field(() => String, { nullable: true, description: 'Heading above the options (up to 200).' })
  @IsOptional()
  @MaxLength(200)
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'Description shown with the set.' })
  @IsOptional()
  @MaxLength(10_000)
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'Help text shown on demand.' })
  @IsOptional()
  @MaxLength(10_000)
  helpText?: string | null;

  @Field(() => SelectionType, {
    nullable: true,
    description: 'How the set is answered (default SINGLE); only SINGLE and MULTIPLE have options.',
  })
  @UnlessOmitted()
  @IsEnum(SelectionType)
  selectionType?: SelectionType;

  @Field(() => Boolean, { nullable: true, description: 'Whether an answer is needed.' })
  @UnlessOmitted()
  @IsBoolean()
  isRequired?: boolean;

  @Field(() => Int, {
    nullable: true,
    description: `Fewest options to choose (0-${MAX_CHILDREN}, default 0; at most maxSelections).`,
  })
  @UnlessOmitted()
  @IsInt()
  @Min(0)
  @Max(MAX_CHILDREN)
  @NotAbove('maxSelections')
  minSelections?: number;

  @Field(() => Int, {
    nullable: true,
    description: `Most options to choose (1-${MAX_CHILDREN}); null is no limit.`,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_CHILDREN)
  maxSelections?: number | null;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description:
      'Answer checks for the selection type (see the README): TEXT_INPUT minLength, maxLength, ' +
      'pattern; DATE_PICKER min, max; FILE_UPLOAD mimeTypes, maxBytes; none for SINGLE/MULTIPLE.',
  })
  @IsOptional()
  validationRules?: Record<string, unknown> | null;

  @Field(() => Boolean, { nullable: true, description: 'Inactive sets are left out of sessions.' })
  @UnlessOmitted()
  @IsBoolean()
  isActive?: boolean;
}

@InputType({ description: 'A new option set of a step.' })
export class CreateOptionSetInput extends OptionSetFields {
  @Field(() => ID, { description: 'The step.' })
  stepId: string;

  @Field({ description: 'Key unique in the step: a-z, 0-9 and "_", starting with a letter.' })
  @ItemKey()
  key: string;

  @Field({ description: 'Short name (1-100 characters).' })
  @Length(1, 100)
  name: string;

  @Field(() => Int, { nullable: true, description: 'Position, 1-based (default: last).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_CHILDREN)
  position?: number | null;
}

@InputType({
  description: 'Changes to an option set: omitted fields stay as they are; null clears.',
})
export class UpdateOptionSetInput extends OptionSetFields {
  @Field(() => ID, { description: 'The option set.' })
  id: string;

  @Field(() => String, { nullable: true, description: 'A new key (unique in the step).' })
  @UnlessOmitted()
  @ItemKey()
  key?: string;

  @Field(() => String, { nullable: true, description: 'A new short name (1-100 characters).' })
  @UnlessOmitted()
  @Length(1, 100)
  name?: string;
}

@InputType({ description: 'The option set to delete.' })
export class DeleteOptionSetInput {
  @Field(() => ID, { description: 'The option set.' })
  id: string;
}

@InputType({ description: "A step's option sets in their new order." })
export class ReorderOptionSetsInput {
  @Field(() => ID, { description: 'The step.' })
  stepId: string;

  @Field(() => [ID], {
    description: 'Every option set id of the step, each once, in the new order.',
  })
  @ArrayMaxSize(MAX_CHILDREN)
  setIds: string[];
}

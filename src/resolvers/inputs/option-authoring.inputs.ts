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
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, InputType, Int } from 'type-graphql';
import { DecimalScalar } from '../../graphql/decimal.scalar';
import { ItemKey, JsonMaxBytes, Price, UnlessOmitted } from './authoring-rules';
import { MAX_CHILDREN } from './option-set-authoring.inputs';

/** Serialised size limit of an option's metadata. */
export const MAX_METADATA_BYTES = 16 * 1024;

/** The editable fields of an option, shared by create and update (lengths from the columns). */
@InputType({ description: 'The editable fields of an option.' })
class OptionFields {
  @Field(() => String, { nullable: true, description: 'Longer description.' })
  @IsOptional()
  @MaxLength(10_000)
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'Machine value (up to 255 characters).' })
  @IsOptional()
  @MaxLength(255)
  value?: string | null;

  @Field(() => String, { nullable: true, description: 'Icon name (up to 100 characters).' })
  @IsOptional()
  @MaxLength(100)
  icon?: string | null;

  @Field(() => String, { nullable: true, description: 'Image URL (up to 255 characters).' })
  @IsOptional()
  @MaxLength(255)
  imageUrl?: string | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Price added when selected: 0 to 99999999.99, two decimals at most (default 0).',
  })
  @UnlessOmitted()
  @Price()
  price?: string;

  @Field(() => Boolean, { nullable: true, description: 'Pre-selected when there is no answer.' })
  @UnlessOmitted()
  @IsBoolean()
  isDefault?: boolean;

  @Field(() => Boolean, { nullable: true, description: 'Shown but never selectable.' })
  @UnlessOmitted()
  @IsBoolean()
  isDisabled?: boolean;

  @Field(() => Boolean, { nullable: true, description: 'Highlighted as the recommended choice.' })
  @UnlessOmitted()
  @IsBoolean()
  isRecommended?: boolean;

  @Field(() => Boolean, { nullable: true, description: 'Choosing it needs additional input.' })
  @UnlessOmitted()
  @IsBoolean()
  requiresInput?: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Placeholder for the additional input (up to 255 characters).',
  })
  @IsOptional()
  @MaxLength(255)
  inputPlaceholder?: string | null;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: `Free-form metadata for clients (a JSON object, up to ${MAX_METADATA_BYTES} bytes).`,
  })
  @IsOptional()
  @JsonMaxBytes(MAX_METADATA_BYTES)
  metadata?: Record<string, unknown> | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Inactive options are left out of sessions.',
  })
  @UnlessOmitted()
  @IsBoolean()
  isActive?: boolean;
}

@InputType({ description: 'A new option of a SINGLE or MULTIPLE option set.' })
export class CreateOptionInput extends OptionFields {
  @Field(() => ID, { description: 'The option set.' })
  setId: string;

  @Field({ description: 'Key unique in the set: a-z, 0-9 and "_", starting with a letter.' })
  @ItemKey()
  key: string;

  @Field({ description: 'Label shown to the user (1-200 characters).' })
  @Length(1, 200)
  label: string;

  @Field(() => Int, { nullable: true, description: 'Position, 1-based (default: last).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_CHILDREN)
  position?: number | null;
}

@InputType({ description: 'Changes to an option: omitted fields stay as they are; null clears.' })
export class UpdateOptionInput extends OptionFields {
  @Field(() => ID, { description: 'The option.' })
  id: string;

  @Field(() => String, { nullable: true, description: 'A new key (unique in the set).' })
  @UnlessOmitted()
  @ItemKey()
  key?: string;

  @Field(() => String, { nullable: true, description: 'A new label (1-200 characters).' })
  @UnlessOmitted()
  @Length(1, 200)
  label?: string;
}

@InputType({ description: 'The option to delete.' })
export class DeleteOptionInput {
  @Field(() => ID, { description: 'The option.' })
  id: string;
}

@InputType({ description: "An option set's options in their new order." })
export class ReorderOptionsInput {
  @Field(() => ID, { description: 'The option set.' })
  setId: string;

  @Field(() => [ID], { description: 'Every option id of the set, each once, in the new order.' })
  @ArrayMaxSize(MAX_CHILDREN)
  optionIds: string[];
}

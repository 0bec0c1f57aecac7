import { IsBoolean, IsInt, IsOptional, Length, Max, MaxLength, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { UnlessOmitted, WizardKey } from './authoring-rules';

/** The editable fields of a wizard, shared by create and update (lengths from the columns). */

@InputType({ description: 'The editable fields of a wizard.' })
class WizardFields {
  @Field(() => String, { nullable: true, description: 'Longer description shown before starting.' })
  @IsOptional()
  @MaxLength(10_000)
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'Category (up to 100 characters).' })
  @IsOptional()
  @MaxLength(100)
  category?: string | null;

  @Field(() => String, { nullable: true, description: 'Icon name (up to 100 characters).' })
  @IsOptional()
  @MaxLength(100)
  icon?: string | null;

  @Field(() => String, { nullable: true, description: 'Theme colour (up to 50 characters).' })
  @IsOptional()
  @MaxLength(50)
  color?: string | null;

  @Field(() => String, { nullable: true, description: 'Banner image URL (up to 255 characters).' })
  @IsOptional()
  @MaxLength(255)
  bannerImage?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Sessions may be saved and resumed.' })
  @UnlessOmitted()
  @IsBoolean()
  allowSaveProgress?: boolean;

  @Field(() => Boolean, { nullable: true, description: 'Finished sessions may become templates.' })
  @UnlessOmitted()
  @IsBoolean()
  allowTemplates?: boolean;

  @Field(() => Boolean, { nullable: true, description: 'An account is needed (false: guests).' })
  @UnlessOmitted()
  @IsBoolean()
  requireLogin?: boolean;

  @Field(() => Int, { nullable: true, description: 'Upper bound on the number of steps (1-500).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(500)
  maxSteps?: number | null;

  @Field(() => Int, { nullable: true, description: 'Estimated minutes to finish (0-10000).' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000)
  estimatedTimeMinutes?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Inactive wizards cannot be started.' })
  @UnlessOmitted()
  @IsBoolean()
  isActive?: boolean;

  @Field(() => Boolean, { nullable: true, description: 'Listed for every user once published.' })
  @UnlessOmitted()
  @IsBoolean()
  isPublic?: boolean;

  @Field(() => Boolean, { nullable: true, description: 'Highlighted in listings.' })
  @UnlessOmitted()
  @IsBoolean()
  isFeatured?: boolean;
}

@InputType({ description: 'A new wizard (a draft until published).' })
export class CreateWizardInput extends WizardFields {
  @Field({ description: 'Unique key: lower-case letters, digits, "_" and "-" (1-100).' })
  @WizardKey()
  key: string;

  @Field({ description: 'Display name (1-200 characters).' })
  @Length(1, 200)
  name: string;
}

@InputType({ description: 'Changes to a wizard: omitted fields stay as they are; null clears.' })
export class UpdateWizardInput extends WizardFields {
  @Field(() => ID, { description: 'The wizard.' })
  id: string;

  @Field(() => String, { nullable: true, description: 'A new unique key.' })
  @UnlessOmitted()
  @WizardKey()
  key?: string;

  @Field(() => String, { nullable: true, description: 'A new display name (1-200 characters).' })
  @UnlessOmitted()
  @Length(1, 200)
  name?: string;
}

@InputType({ description: 'The wizard to delete.' })
export class DeleteWizardInput {
  @Field(() => ID, { description: 'The wizard.' })
  id: string;
}

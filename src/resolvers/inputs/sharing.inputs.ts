import {
  ArrayMaxSize,
  IsBoolean,
  IsDate,
  IsInt,
  IsOptional,
  Length,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { UnlessOmitted } from './authoring-rules';
import { PageArgs } from './page.args';

@InputType({ description: 'Saving a session as a template.' })
export class SaveSessionAsTemplateInput {
  @Field(() => ID, { description: 'The session (yours).' })
  sessionId: string;

  @Field({ description: 'A name (1 to 255 characters).' })
  @Length(1, 255)
  name: string;

  @Field(() => String, { nullable: true, description: 'A description (up to 10,000 characters).' })
  @IsOptional()
  @MaxLength(10_000)
  description?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Every user may see and use it (default false).',
  })
  @IsOptional()
  @IsBoolean()
  isPublic?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Official (authors only; default false).' })
  @IsOptional()
  @IsBoolean()
  isOfficial?: boolean | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Tags (up to 20, each up to 50 characters).',
  })
  @IsOptional()
  @ArrayMaxSize(20)
  @Length(1, 50, { each: true })
  tags?: string[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Keep typed values and additional input in the template (default false; refused for a ' +
      'session that does not store user data).',
  })
  @IsOptional()
  @IsBoolean()
  includeUserData?: boolean | null;
}

@InputType({ description: 'Changes to a template; omitted fields stay as they are.' })
export class UpdateTemplateInput {
  @Field(() => ID, { description: 'The template.' })
  id: string;

  @Field(() => String, { nullable: true, description: 'A name (1 to 255 characters).' })
  @UnlessOmitted()
  @Length(1, 255)
  name?: string;

  @Field(() => String, { nullable: true, description: 'A description.' })
  @IsOptional()
  @MaxLength(10_000)
  description?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Every user may see and use it.' })
  @UnlessOmitted()
  @IsBoolean()
  isPublic?: boolean;

  @Field(() => Boolean, { nullable: true, description: 'Official (authors only).' })
  @UnlessOmitted()
  @IsBoolean()
  isOfficial?: boolean;

  @Field(() => [String], {
    nullable: true,
    description: 'Tags (up to 20, each up to 50 characters).',
  })
  @UnlessOmitted()
  @ArrayMaxSize(20)
  @Length(1, 50, { each: true })
  tags?: string[];
}

@InputType({ description: 'A template.' })
export class TemplateRefInput {
  @Field(() => ID, { description: 'The template.' })
  id: string;
}

@InputType({ description: 'Starting a session from a template.' })
export class StartFromTemplateInput {
  @Field(() => ID, { description: 'The template (yours or a public one).' })
  templateId: string;

  @Field(() => Boolean, {
    nullable: true,
    description: "Apply the template's typed values and additional input too (default true).",
  })
  @IsOptional()
  @IsBoolean()
  withData?: boolean | null;

  @Field(() => String, { nullable: true, description: "A session name (default: the template's)." })
  @IsOptional()
  @Length(1, 255)
  sessionName?: string | null;
}

@InputType({ description: 'Starting again from an earlier session.' })
export class ReplaySessionInput {
  @Field(() => ID, { description: 'Your session, or one shared with you to clone.' })
  sessionId: string;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Bring typed values and additional input along (default true).',
  })
  @IsOptional()
  @IsBoolean()
  withData?: boolean | null;

  @Field(() => String, { nullable: true, description: "A session name (default: the original's)." })
  @IsOptional()
  @Length(1, 255)
  sessionName?: string | null;
}

@InputType({ description: 'Sharing a session.' })
export class ShareSessionInput {
  @Field(() => ID, { description: 'The session (yours).' })
  sessionId: string;

  @Field(() => ID, {
    nullable: true,
    description: 'Only this user may use the share; null: anyone holding the token.',
  })
  sharedWithUserId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'May see it (default true).' })
  @IsOptional()
  @IsBoolean()
  canView?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'May copy it (default true).' })
  @IsOptional()
  @IsBoolean()
  canClone?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'May run the runtime mutations on it (default false).',
  })
  @IsOptional()
  @IsBoolean()
  canEdit?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Show typed values and additional input (default false).',
  })
  @IsOptional()
  @IsBoolean()
  includeUserData?: boolean | null;

  @Field(() => Date, { nullable: true, description: 'When it stops working (in the future).' })
  @IsOptional()
  @IsDate()
  expiresAt?: Date | null;

  @Field(() => Int, { nullable: true, description: 'How many uses it allows (at least 1).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  maxUses?: number | null;
}

@InputType({ description: 'A share.' })
export class ShareRefInput {
  @Field(() => ID, { description: 'The share.' })
  shareId: string;
}

@InputType({ description: 'Copying a shared session.' })
export class CloneSharedSessionInput {
  @Field({ description: 'The share token.' })
  @MaxLength(100)
  token: string;

  @Field(() => String, { nullable: true, description: 'A name for your copy.' })
  @IsOptional()
  @Length(1, 255)
  sessionName?: string | null;
}

@InputType({ description: 'Narrows templates; all given conditions must hold.' })
export class TemplateFilterInput {
  @Field(() => ID, { nullable: true, description: 'Only templates of this wizard.' })
  wizardId?: string | null;

  @Field(() => Boolean, { nullable: true, description: "Only yours (or only others')." })
  @IsOptional()
  @IsBoolean()
  mine?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Only public (or only private) ones.' })
  @IsOptional()
  @IsBoolean()
  public?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Only official (or only unofficial) ones.' })
  @IsOptional()
  @IsBoolean()
  official?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Only templates with this tag.' })
  @IsOptional()
  @MaxLength(50)
  tag?: string | null;
}

@ArgsType()
export class TemplatesArgs extends PageArgs {
  @Field(() => TemplateFilterInput, { nullable: true, description: 'Conditions.' })
  @IsOptional()
  @ValidateNested()
  filter?: TemplateFilterInput | null;
}

@ArgsType()
export class MySharesArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Only shares of this session.' })
  sessionId?: string | null;
}

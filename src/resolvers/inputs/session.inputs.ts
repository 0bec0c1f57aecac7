import {
  ArrayMaxSize,
  IsBoolean,
  IsInt,
  IsOptional,
  Length,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { MAX_ADDITIONAL_INPUT_LENGTH, MAX_TEXT_LENGTH } from '../../runtime';
import { PageArgs } from './page.args';
import { ArgsType } from 'type-graphql';

/** Most answers (sets) in one step, and choices in one set: far above any real step. */
export const MAX_ANSWERS = 100;
export const MAX_CHOICES = 100;

@InputType({ description: 'File metadata for a FILE_UPLOAD set (upload the file elsewhere).' })
export class FileInput {
  @Field({ description: 'File name (up to 255 characters).' })
  @MaxLength(255)
  name: string;

  @Field({ description: 'MIME type, e.g. application/pdf.' })
  @MaxLength(255)
  mimeType: string;

  @Field(() => Int, { description: 'Size in bytes.' })
  @IsInt()
  @Min(0)
  bytes: number;
}

@InputType({ description: 'Text for a chosen option that requires input.' })
export class OptionTextInput {
  @Field(() => ID, { description: 'The option.' })
  optionId: string;

  @Field({ description: `The text (the engine accepts up to ${MAX_ADDITIONAL_INPUT_LENGTH}).` })
  @MaxLength(MAX_ADDITIONAL_INPUT_LENGTH * 2)
  text: string;
}

@InputType({
  description:
    'The answer to one option set: optionIds for SINGLE and MULTIPLE, value for TEXT_INPUT and ' +
    'DATE_PICKER (YYYY-MM-DD), file for FILE_UPLOAD.',
})
export class AnswerInput {
  @Field(() => ID, { description: 'The option set.' })
  setId: string;

  @Field(() => [ID], { nullable: true, description: 'Chosen options, in choice order.' })
  @IsOptional()
  @ArrayMaxSize(MAX_CHOICES)
  optionIds?: string[] | null;

  @Field(() => String, { nullable: true, description: 'The value.' })
  @IsOptional()
  @MaxLength(MAX_TEXT_LENGTH * 2)
  value?: string | null;

  @Field(() => FileInput, { nullable: true, description: 'The file.' })
  @IsOptional()
  @ValidateNested()
  file?: FileInput | null;

  @Field(() => [OptionTextInput], {
    nullable: true,
    description: 'Typed input for chosen options that require it.',
  })
  @IsOptional()
  @ArrayMaxSize(MAX_CHOICES)
  @ValidateNested({ each: true })
  additionalInput?: OptionTextInput[] | null;
}

@InputType({ description: 'Which wizard to run, and how to name the session.' })
export class StartSessionInput {
  @Field(() => ID, { nullable: true, description: 'The wizard (or give wizardKey).' })
  wizardId?: string | null;

  @Field(() => String, { nullable: true, description: "The wizard's key (or give wizardId)." })
  @IsOptional()
  @MaxLength(100)
  wizardKey?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "A name for the session (1 to 255 characters; default: the wizard's name).",
  })
  @IsOptional()
  @Length(1, 255)
  sessionName?: string | null;

  @Field(() => String, { nullable: true, description: 'A description (up to 10,000 characters).' })
  @IsOptional()
  @MaxLength(10_000)
  sessionDescription?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'false: typed text and additional input are stored only encrypted (default true).',
  })
  @IsOptional()
  @IsBoolean()
  storeUserData?: boolean | null;
}

@InputType({ description: 'A session and the version the change is based on.' })
export class SessionVersionInput {
  @Field(() => ID, { description: 'The session.' })
  sessionId: string;

  @Field(() => Int, {
    description: 'The version last read; a stale one is refused with CONFLICT.',
  })
  @IsInt()
  @Min(1)
  expectedVersion: number;
}

@InputType({ description: 'Answers to one step of a session.' })
export class StepAnswersInput extends SessionVersionInput {
  @Field(() => ID, { description: 'The step answered.' })
  stepId: string;

  @Field(() => [AnswerInput], { description: 'One answer per option set (at most 100).' })
  @ArrayMaxSize(MAX_ANSWERS)
  @ValidateNested({ each: true })
  answers: AnswerInput[];
}

@InputType({ description: 'Answers to try on a step; nothing is saved.' })
export class PreviewStepInput {
  @Field(() => ID, { description: 'The session.' })
  sessionId: string;

  @Field(() => ID, { description: 'The step.' })
  stepId: string;

  @Field(() => [AnswerInput], { description: 'One answer per option set (at most 100).' })
  @ArrayMaxSize(MAX_ANSWERS)
  @ValidateNested({ each: true })
  answers: AnswerInput[];

  @Field(() => Int, { nullable: true, description: 'If given, CONFLICT when it is stale.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number | null;
}

@InputType({ description: 'Skipping a step.' })
export class SkipStepInput extends SessionVersionInput {
  @Field(() => ID, { nullable: true, description: 'The step (default: the current one).' })
  stepId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why (up to 255 characters; kept only when the session stores user data).',
  })
  @IsOptional()
  @MaxLength(255)
  reason?: string | null;
}

@InputType({ description: 'Narrows mySessions.' })
export class SessionFilterInput {
  @Field(() => ID, { nullable: true, description: 'Only sessions of this wizard.' })
  wizardId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only completed (or only open) ones.' })
  @IsOptional()
  @IsBoolean()
  completed?: boolean | null;
}

@ArgsType()
export class MySessionsArgs extends PageArgs {
  @Field(() => SessionFilterInput, { nullable: true, description: 'Conditions.' })
  @IsOptional()
  @ValidateNested()
  filter?: SessionFilterInput | null;
}

@ArgsType()
export class ActivityLogArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'A session (its owner and authors).' })
  sessionId?: string | null;

  @Field(() => ID, { nullable: true, description: 'A wizard (authors).' })
  wizardId?: string | null;
}

@InputType({ description: 'Narrows sessionSummaries; all given conditions must hold.' })
export class SessionSummaryFilterInput {
  @Field(() => ID, { nullable: true, description: 'Only sessions of this wizard.' })
  wizardId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only sessions of this user.' })
  userId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only completed (or only open) ones.' })
  @IsOptional()
  @IsBoolean()
  completed?: boolean | null;
}

@ArgsType()
export class SessionSummariesArgs extends PageArgs {
  @Field(() => SessionSummaryFilterInput, { nullable: true, description: 'Conditions.' })
  @IsOptional()
  @ValidateNested()
  filter?: SessionSummaryFilterInput | null;
}

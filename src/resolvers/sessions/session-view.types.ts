import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { WizardStep } from '../../entities';
import { SelectionType } from '../../entities/enums';
import { DecimalScalar } from '../../graphql/decimal.scalar';

export enum StepStatus {
  OPEN = 'OPEN',
  ANSWERED = 'ANSWERED',
  SKIPPED = 'SKIPPED',
}

registerEnumType(StepStatus, {
  name: 'StepStatus',
  description: "Where a step on a session's path stands.",
  valuesConfig: {
    OPEN: { description: 'Not answered yet (the session stands here, or came back here).' },
    ANSWERED: { description: 'Answered, and the answers still hold.' },
    SKIPPED: { description: 'Legitimately skipped.' },
  },
});

@ObjectType({ description: 'File metadata given for a FILE_UPLOAD set (never the content).' })
export class FileMetadata {
  @Field({ description: 'File name.' })
  name: string;

  @Field({ description: 'MIME type, e.g. image/png.' })
  mimeType: string;

  @Field(() => Int, { description: 'Size in bytes.' })
  bytes: number;
}

@ObjectType({ description: 'Text typed for a chosen option that requires input.' })
export class OptionText {
  @Field(() => ID, { description: 'The option.' })
  optionId: number;

  @Field({ description: 'The text.' })
  text: string;
}

@ObjectType({ description: 'An answer to one option set, as given (a draft).' })
export class SessionAnswer {
  @Field(() => ID, { description: 'The option set.' })
  setId: number;

  @Field(() => [ID], { description: 'Chosen options (SINGLE and MULTIPLE), in choice order.' })
  optionIds: number[];

  @Field(() => String, { nullable: true, description: 'The value (TEXT_INPUT, DATE_PICKER).' })
  value: string | null;

  @Field(() => FileMetadata, { nullable: true, description: 'The file (FILE_UPLOAD).' })
  file: FileMetadata | null;

  @Field(() => [OptionText], { description: 'Typed input for chosen options.' })
  additionalInput: OptionText[];
}

@ObjectType({ description: 'The auto-saved, unvalidated answers of the current step.' })
export class SessionDraft {
  @Field(() => ID, { description: 'The step.' })
  stepId: number;

  @Field(() => [SessionAnswer], { description: 'The answers, as saved.' })
  answers: SessionAnswer[];

  @Field(() => Date, { description: 'When they were saved.' })
  savedAt: Date;
}

@ObjectType({ description: 'An option as this session sees it now.' })
export class SessionOptionView {
  @Field(() => ID, { description: 'The option id.' })
  id: number;

  @Field({ description: 'Key, unique within the set.' })
  key: string;

  @Field({ description: 'Label.' })
  label: string;

  @Field(() => DecimalScalar, { description: 'Price added when chosen.' })
  price: string;

  @Field({ description: 'Choosing it requires typed input (additionalInput).' })
  requiresInput: boolean;

  @Field({ description: 'Shown (its dependencies allow it).' })
  visible: boolean;

  @Field({ description: 'Shown but not selectable now.' })
  disabled: boolean;

  @Field({ description: 'Must be chosen (a REQUIRE_IF dependency holds).' })
  required: boolean;

  @Field({ description: 'Chosen in the recorded answer.' })
  selected: boolean;

  @Field({ description: 'Recommended by the author.' })
  recommended: boolean;

  @Field({ description: 'Pre-selected by the author while the set is unanswered.' })
  default: boolean;

  @Field(() => String, {
    nullable: true,
    description: "Typed input recorded with it (only its owner sees a private session's).",
  })
  additionalInput: string | null;
}

@ObjectType({ description: 'An option set as this session sees it now.' })
export class SessionSetView {
  @Field(() => ID, { description: 'The set id.' })
  id: number;

  @Field({ description: 'Key, unique within the step.' })
  key: string;

  @Field({ description: 'Name.' })
  name: string;

  @Field(() => SelectionType, { description: 'How it is answered.' })
  selectionType: SelectionType;

  @Field({ description: 'Shown (its dependencies allow it). Hidden sets take no answer.' })
  visible: boolean;

  @Field({ description: 'Needs an answer (required, or made so by REQUIRE_IF).' })
  required: boolean;

  @Field(() => Int, { description: 'Fewest choices (MULTIPLE).' })
  minSelections: number;

  @Field(() => Int, { nullable: true, description: 'Most choices (MULTIPLE); null: no limit.' })
  maxSelections: number | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Rules a value must meet.' })
  validationRules: Record<string, unknown> | null;

  @Field(() => String, { nullable: true, description: 'Recorded value (TEXT_INPUT, DATE_PICKER).' })
  value: string | null;

  @Field(() => FileMetadata, { nullable: true, description: 'Recorded file (FILE_UPLOAD).' })
  file: FileMetadata | null;

  @Field(() => [SessionOptionView], { description: 'Its active options, in order.' })
  options: SessionOptionView[];
}

@ObjectType({ description: 'Steps done and an estimate of those ahead along the default path.' })
export class SessionProgress {
  @Field(() => Int, { description: 'Steps answered or skipped on the path.' })
  stepsDone: number;

  @Field(() => Int, { description: 'Estimated steps still ahead (the current one included).' })
  stepsRemaining: number;

  @Field(() => Int, { description: 'stepsDone + stepsRemaining.' })
  totalSteps: number;

  @Field(() => Int, { description: 'Whole percent done.' })
  percent: number;
}

@ObjectType({ description: 'One chosen, visible option in the price.' })
export class PriceLine {
  @Field(() => ID, { description: 'The option id.' })
  id: number;

  @Field(() => ID, { description: 'The step it was chosen on.' })
  stepId: number;

  @Field(() => ID, { description: 'Its set.' })
  setId: number;

  @Field({ description: "The option's label." })
  label: string;

  @Field(() => DecimalScalar, { description: "The option's price." })
  price: string;
}

@ObjectType({ description: 'The running price: chosen, visible options on the path.' })
export class SessionPrice {
  @Field(() => DecimalScalar, { description: 'Sum of the lines.' })
  total: string;

  @Field(() => [PriceLine], { description: 'One line per chosen option, in path order.' })
  lines: PriceLine[];
}

@ObjectType({ description: 'A step as the session sees it: what to show, what is allowed.' })
export class SessionStepView {
  @Field(() => ID, { description: 'The step id.' })
  id: number;

  @Field(() => WizardStep, { description: 'The step itself.' })
  step: WizardStep;

  @Field({ description: 'Key.' })
  key: string;

  @Field({ description: 'Name.' })
  name: string;

  @Field(() => StepStatus, { nullable: true, description: 'On the path: how it stands.' })
  status: StepStatus | null;

  @Field({ description: 'The session stands here.' })
  current: boolean;

  @Field({ description: 'goBack is allowed from here.' })
  canGoBack: boolean;

  @Field({ description: 'skipStep is allowed here.' })
  canSkip: boolean;

  @Field({ description: 'An OPTIONAL rule led here (so it may be skipped).' })
  optional: boolean;

  @Field({ description: 'A valid single choice moves on by itself (saveDraft submits it).' })
  autoAdvance: boolean;

  @Field(() => [SessionSetView], { description: 'Its active option sets, in order.' })
  sets: SessionSetView[];

  @Field(() => SessionDraft, { nullable: true, description: 'The saved draft of this step.' })
  draft: SessionDraft | null;

  @Field(() => SessionPrice, { description: 'The running price.' })
  price: SessionPrice;

  @Field(() => SessionProgress, { description: 'Progress.' })
  progress: SessionProgress;
}

@ObjectType({ description: 'A step on the path the session took.' })
export class SessionPathStep {
  @Field(() => ID, { description: 'The step id.' })
  id: number;

  @Field({ description: 'Key.' })
  key: string;

  @Field({ description: 'Name.' })
  name: string;

  @Field(() => StepStatus, { description: 'How it stands.' })
  status: StepStatus;

  @Field({ description: 'An OPTIONAL rule led here.' })
  optional: boolean;
}

@ObjectType({ description: 'A step that keeps the session from completing.' })
export class MissingStep {
  @Field(() => ID, { description: 'The step id.' })
  stepId: number;

  @Field({ description: 'Its key.' })
  stepKey: string;

  @Field({ description: 'Why.' })
  reason: string;
}

@ObjectType({ description: 'Whether completeSession would succeed now.' })
export class CompletionCheck {
  @Field({ description: 'It would.' })
  ok: boolean;

  @Field(() => [MissingStep], { description: 'What is missing otherwise.' })
  missing: MissingStep[];
}

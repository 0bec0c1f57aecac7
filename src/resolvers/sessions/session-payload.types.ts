import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { ConditionType } from '../../entities/enums';
import { WizardSession, WizardStep } from '../../entities';
import { SessionPrice, SessionProgress, SessionStepView } from './session-view.types';

export enum FlowVia {
  RULE = 'RULE',
  DEFAULT = 'DEFAULT',
  COMPLETE = 'COMPLETE',
}

registerEnumType(FlowVia, {
  name: 'FlowVia',
  description: 'What decided where the flow goes after a step.',
  valuesConfig: {
    RULE: { description: 'A flow rule fired (see rule and reason).' },
    DEFAULT: { description: 'No rule applied: the next active step by order.' },
    COMPLETE: { description: 'No rule applied and no step is left: the session can complete.' },
  },
});

@ObjectType({ description: 'The flow rule that fired.' })
export class FiredRule {
  @Field(() => ID, { description: 'The rule id.' })
  id: number;

  @Field(() => String, { nullable: true, description: 'Its name.' })
  name: string | null;

  @Field(() => ConditionType, { description: 'Its condition type.' })
  type: ConditionType;
}

@ObjectType({ description: 'Where the flow goes after a step, and why.' })
export class NextStepExplanation {
  @Field(() => WizardStep, { nullable: true, description: 'The next step; null when complete.' })
  step: WizardStep | null;

  @Field({ description: 'No step is left: completeSession may be called.' })
  complete: boolean;

  @Field(() => FlowVia, { description: 'What decided.' })
  via: FlowVia;

  @Field(() => FiredRule, { nullable: true, description: 'The rule, when one fired.' })
  rule: FiredRule | null;

  @Field({ description: 'An OPTIONAL rule led there: that step may be skipped.' })
  optional: boolean;

  @Field({ description: 'Why, in words (which rule, which condition held, or default order).' })
  reason: string;
}

@ObjectType({
  description: 'Recorded answers a change removed (no longer on the path or visible).',
})
export class PrunedAnswers {
  @Field(() => [ID], { description: 'Steps whose answers or skip were dropped.' })
  stepIds: number[];

  @Field(() => [ID], { description: 'Sets whose answers were dropped (now hidden).' })
  setIds: number[];

  @Field(() => [ID], { description: 'Options dropped from kept answers (now hidden).' })
  optionIds: number[];
}

@ObjectType({ description: 'One thing wrong with an answer.' })
export class AnswerProblem {
  @Field({ description: 'The rule broken, e.g. REQUIRED, TOO_MANY, PATTERN, NOT_SELECTABLE.' })
  code: string;

  @Field(() => ID, { nullable: true, description: 'The set; null for step-level problems.' })
  setId: number | null;

  @Field(() => String, { nullable: true, description: "The set's key." })
  setKey: string | null;

  @Field(() => ID, { nullable: true, description: 'The option, when it is about one.' })
  optionId: number | null;

  @Field({ description: 'What is wrong, in words.' })
  message: string;
}

@ObjectType({ description: 'A started session and its token.' })
export class StartSessionPayload {
  @Field(() => WizardSession, { description: 'The new session, on its first step.' })
  session: WizardSession;

  @Field({
    description:
      'Resumes the session (session(token:)); for a guest, the credential for this session ' +
      '(X-Session-Token header). Shown only now: the server keeps only its hash.',
  })
  sessionToken: string;
}

@ObjectType({ description: 'The session after a move.' })
export class SessionMovePayload {
  @Field(() => WizardSession, { description: 'The session, with its new version.' })
  session: WizardSession;

  @Field(() => NextStepExplanation, {
    nullable: true,
    description: 'Where the flow went and why (null for goBack and plain drafts).',
  })
  next: NextStepExplanation | null;

  @Field(() => PrunedAnswers, { description: 'What the change removed.' })
  pruned: PrunedAnswers;

  @Field({ description: 'saveDraft on an auto-advance step submitted the answer.' })
  autoAdvanced: boolean;
}

@ObjectType({ description: 'The session after a change.' })
export class SessionPayload {
  @Field(() => WizardSession, { description: 'The session, with its new version.' })
  session: WizardSession;
}

@ObjectType({ description: 'What a submit would do; nothing was saved.' })
export class StepPreview {
  @Field({ description: 'The answers would be accepted.' })
  ok: boolean;

  @Field(() => [AnswerProblem], { description: 'Why not, otherwise.' })
  problems: AnswerProblem[];

  @Field(() => SessionStepView, {
    nullable: true,
    description: 'The step with these answers applied.',
  })
  view: SessionStepView | null;

  @Field(() => NextStepExplanation, { nullable: true, description: 'Where the flow would go.' })
  next: NextStepExplanation | null;

  @Field(() => SessionStepView, { nullable: true, description: 'The step it would go to.' })
  nextView: SessionStepView | null;

  @Field(() => SessionPrice, { description: 'The price it would come to.' })
  price: SessionPrice;

  @Field(() => SessionProgress, { description: 'The progress it would come to.' })
  progress: SessionProgress;

  @Field(() => PrunedAnswers, { description: 'What it would remove.' })
  pruned: PrunedAnswers;
}

@ObjectType({ description: 'A deleted session.' })
export class DeleteSessionPayload {
  @Field(() => ID, { description: 'Its id (it is gone from every query).' })
  deletedId: number;
}

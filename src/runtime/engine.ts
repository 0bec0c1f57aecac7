/**
 * The runtime engine: pure functions over a WizardModel and a SessionState (plain data). Nothing
 * here touches a database or mutates its arguments; every move returns a new state.
 */
import type { WizardModel } from '../definitions/wizard-model';
import { SelectionType } from '../entities/enums';
import { nextAfter } from './flow';
import { priceLimitProblem } from './price-limit';
import { priceOf } from './pricing';
import { progressOf } from './progress';
import { runtimeIndex, type RuntimeIndex } from './runtime-index';
import { skipAllowed, walkSession, type StepStatus, type Walk } from './session-walk';
import type {
  NextStep,
  Price,
  Problem,
  ProblemCode,
  Progress,
  Pruned,
  SessionState,
  SetAnswer,
  StepAnswers,
} from './types';
import { answerProblems, hasValue, isChoiceSet } from './validate-answers';
import { buildStepView, type StepView } from './view';

/** The outcome of submit, skip and goBack. On refusal `state` is the given state, normalized. */
export interface MoveResult {
  ok: boolean;
  problems: Problem[];
  state: SessionState;
  /** Where the flow goes after the moved-on step (null for goBack and refusals). */
  next: NextStep | null;
  pruned: Pruned;
  price: Price;
  progress: Progress;
}

const stepProblem = (code: ProblemCode, message: string): Problem => ({
  code,
  setId: null,
  setKey: null,
  message,
});

/** A new session standing on the first active step (none: an empty path). */
export function startSession(
  model: WizardModel,
  options: { isGuest?: boolean } = {},
): SessionState {
  const first = runtimeIndex(model).activeSteps.at(0)?.id ?? null;
  return {
    path: first === null ? [] : [first],
    currentStepId: first,
    answers: {},
    skipped: {},
    isGuest: options.isGuest ?? false,
  };
}

function result(index: RuntimeIndex, walk: Walk, extra: Partial<MoveResult>): MoveResult {
  return {
    ok: true,
    problems: [],
    state: walk.state,
    next: null,
    pruned: walk.pruned,
    price: priceOf(index, walk.answers),
    progress: progressOf(index, walk),
    ...extra,
  };
}

function refuse(index: RuntimeIndex, walk: Walk, problems: Problem[]): MoveResult {
  const pruned = { stepIds: [], setIds: [], optionIds: [] };
  return result(index, walk, { ok: false, problems, pruned });
}

/** Drops empty answers and additional input for options that were not chosen. */
function cleanAnswers(answers: StepAnswers): StepAnswers {
  const clean: Record<number, SetAnswer> = {};
  for (const [key, answer] of Object.entries(answers)) {
    const optionIds = answer.optionIds ?? [];
    if (!optionIds.length && !hasValue(answer)) continue;
    const input = answer.additionalInput ?? {};
    const additionalInput = Object.fromEntries(
      optionIds.filter((id) => typeof input[id] === 'string').map((id) => [id, input[id].trim()]),
    );
    clean[Number(key)] = optionIds.length
      ? { setId: answer.setId, optionIds: [...optionIds], additionalInput }
      : { setId: answer.setId, value: answer.value };
  }
  return clean;
}

/** Problems with answers to a step of the session's path; [] when they can be submitted. */
export function checkAnswers(
  model: WizardModel,
  state: SessionState,
  stepId: number,
  answers: StepAnswers,
): Problem[] {
  const walked = walkSession(runtimeIndex(model), state).byStep.get(stepId);
  if (!walked)
    return [stepProblem('STEP_NOT_ON_PATH', `Step ${stepId} is not on the session's path.`)];
  return answerProblems(runtimeIndex(model), walked.visibility, answers);
}

/**
 * Records the answers of a step on the path and replays the session from the start: later steps
 * stay while the flow still leads through them and their answers still hold; anything else is
 * pruned. The current step becomes the step the flow leads to (or stays here on completion).
 */
export function submit(
  model: WizardModel,
  state: SessionState,
  stepId: number,
  answers: StepAnswers,
): MoveResult {
  const index = runtimeIndex(model);
  const before = walkSession(index, state);
  const walked = before.byStep.get(stepId);
  const problems = walked
    ? answerProblems(index, walked.visibility, answers)
    : [stepProblem('STEP_NOT_ON_PATH', `Step ${stepId} is not on the session's path.`)];
  if (problems.length) return refuse(index, before, problems);
  const skipped = Object.fromEntries(
    Object.entries(state.skipped).filter(([id]) => Number(id) !== stepId),
  );
  const recorded = { ...state.answers, [stepId]: cleanAnswers(answers) };
  const walk = walkSession(index, { ...state, answers: recorded, skipped });
  const overLimit = priceLimitProblem(index, walk.answers, priceOf(index, walk.answers), stepId);
  if (overLimit) return refuse(index, before, [overLimit]);
  const next = walk.byStep.get(stepId)?.next ?? null;
  const currentStepId = next?.stepId ?? stepId;
  return result(index, { ...walk, state: { ...walk.state, currentStepId } }, { next });
}

/** Skips the current step when it is not required or an OPTIONAL rule led to it. */
export function skip(model: WizardModel, state: SessionState, stepId: number): MoveResult {
  const index = runtimeIndex(model);
  const before = walkSession(index, state);
  const walked = before.byStep.get(stepId);
  if (!walked || before.state.currentStepId !== stepId)
    return refuse(index, before, [
      stepProblem('NOT_CURRENT', 'Only the current step can be skipped.'),
    ]);
  if (!skipAllowed(walked.step, walked.arrival))
    return refuse(index, before, [
      stepProblem('SKIP_NOT_ALLOWED', `"${walked.step.name}" is required and cannot be skipped.`),
    ]);
  const answers = Object.fromEntries(
    Object.entries(state.answers).filter(([id]) => Number(id) !== stepId),
  );
  const skipped = { ...state.skipped, [stepId]: { allowed: true } };
  const walk = walkSession(index, { ...state, answers, skipped });
  const overLimit = priceLimitProblem(index, walk.answers, priceOf(index, walk.answers), null);
  if (overLimit) return refuse(index, before, [overLimit]);
  const next = walk.byStep.get(stepId)?.next ?? null;
  const currentStepId = next?.stepId ?? stepId;
  return result(index, { ...walk, state: { ...walk.state, currentStepId } }, { next });
}

/** Moves to the previous step on the path when the current step allows back navigation. */
export function goBack(model: WizardModel, state: SessionState): MoveResult {
  const index = runtimeIndex(model);
  const walk = walkSession(index, state);
  const { path, currentStepId } = walk.state;
  const position = currentStepId === null ? -1 : path.indexOf(currentStepId);
  const step = currentStepId === null ? undefined : index.stepById.get(currentStepId);
  if (position <= 0 || !step)
    return refuse(index, walk, [stepProblem('NO_PREVIOUS_STEP', 'There is no previous step.')]);
  if (!step.allowBackNavigation)
    return refuse(index, walk, [
      stepProblem('BACK_NOT_ALLOWED', `"${step.name}" does not allow going back.`),
    ]);
  return result(
    index,
    { ...walk, state: { ...walk.state, currentStepId: path[position - 1] } },
    {},
  );
}

/**
 * Where the flow goes after a step with the session's answers (for a step not yet answered, as
 * if it were submitted empty); null for a step that is not active.
 */
export function nextStep(model: WizardModel, state: SessionState, stepId: number): NextStep | null {
  const index = runtimeIndex(model);
  if (!index.stepById.get(stepId)?.isActive) return null;
  const walk = walkSession(index, state);
  const walked = walk.byStep.get(stepId);
  if (walked?.next) return walked.next;
  const stepsCompleted = walk.steps.filter((step) => step.status !== 'OPEN').length;
  const price = priceOf(index, walk.answers).total;
  const isGuest = walk.state.isGuest ?? false;
  return nextAfter(index, stepId, { answers: walk.answers, price, stepsCompleted, isGuest });
}

export interface PathStep {
  stepId: number;
  key: string;
  name: string;
  status: StepStatus;
  /** An OPTIONAL rule led here. */
  optional: boolean;
}

/** The steps the session's answers lead through now, in order, and how each stands. */
export function path(model: WizardModel, state: SessionState): PathStep[] {
  return walkSession(runtimeIndex(model), state).steps.map((walked) => ({
    stepId: walked.step.id,
    key: walked.step.key,
    name: walked.step.name,
    status: walked.status,
    optional: walked.arrival?.optional ?? false,
  }));
}

export interface Completion {
  ok: boolean;
  /** Steps that keep the session from completing, with why. */
  missing: { stepId: number; stepKey: string; reason: string }[];
}

/** Whether the session may complete: every step on the path done and the flow at its end. */
export function canComplete(model: WizardModel, state: SessionState): Completion {
  const walk = walkSession(runtimeIndex(model), state);
  const missing: Completion['missing'] = [];
  for (const walked of walk.steps) {
    if (walked.status === 'OPEN')
      missing.push({ stepId: walked.step.id, stepKey: walked.step.key, reason: 'not answered' });
  }
  const last = walk.steps.at(-1);
  const loop = last?.next?.stepId ? walk.byStep.get(last.next.stepId) : undefined;
  if (loop)
    missing.push({
      stepId: loop.step.id,
      stepKey: loop.step.key,
      reason: 'the flow leads back here',
    });
  if (!last && runtimeIndex(model).activeSteps.length)
    missing.push({ stepId: 0, stepKey: '', reason: 'the session has not started' });
  return { ok: missing.length === 0, missing };
}

/** The running price: selected, visible, active options of answered steps on the path. */
export function price(model: WizardModel, state: SessionState): Price {
  const index = runtimeIndex(model);
  return priceOf(index, walkSession(index, state).answers);
}

export function progress(model: WizardModel, state: SessionState): Progress {
  const index = runtimeIndex(model);
  return progressOf(index, walkSession(index, state));
}

/** A step as the session sees it now; null for a step that is not an active step of the wizard. */
export function viewStep(model: WizardModel, state: SessionState, stepId: number): StepView | null {
  const index = runtimeIndex(model);
  const walk = walkSession(index, state);
  const summary = { price: priceOf(index, walk.answers), progress: progressOf(index, walk) };
  return buildStepView(index, walk, stepId, summary);
}

/**
 * Whether submitting these answers should move on by itself: the step has auto_advance and the
 * answers are valid and are exactly one chosen option (of a SINGLE set) needing no typed input.
 */
export function shouldAutoAdvance(
  model: WizardModel,
  state: SessionState,
  stepId: number,
  answers: StepAnswers,
): boolean {
  const index = runtimeIndex(model);
  const step = index.stepById.get(stepId);
  if (!step?.autoAdvance || checkAnswers(model, state, stepId, answers).length) return false;
  const given = Object.values(cleanAnswers(answers));
  if (given.length !== 1 || given[0].optionIds?.length !== 1) return false;
  const set = index.setById.get(given[0].setId);
  const option = index.optionById.get(given[0].optionIds[0]);
  return Boolean(
    set && isChoiceSet(set) && set.selectionType === SelectionType.SINGLE && !option?.requiresInput,
  );
}

import type { WizardStep } from '../entities';
import { nextAfter, type FlowFacts } from './flow';
import { priceOf } from './pricing';
import { activeStep, type RuntimeIndex } from './runtime-index';
import type { NextStep, Pruned, SessionState, SetAnswer, SkipRecord, StepAnswers } from './types';
import { answerProblems } from './validate-answers';
import { stepVisibility, type StepVisibility } from './visibility';

export type StepStatus = 'ANSWERED' | 'SKIPPED' | 'OPEN';

export interface WalkedStep {
  step: WizardStep;
  status: StepStatus;
  /** How the session got here (null for the first step). */
  arrival: NextStep | null;
  /** Visibility given the answers of the steps before it on the path. */
  visibility: StepVisibility;
  /** Its recorded answers that still count (for an OPEN step, what is left as a draft). */
  answers: StepAnswers;
  /** Where the flow goes after it; null while it is OPEN. */
  next: NextStep | null;
}

/** A session replayed from its first step: the path its answers lead to now. */
export interface Walk {
  steps: WalkedStep[];
  byStep: Map<number, WalkedStep>;
  /** Answers of ANSWERED steps on the path, in path order: what price and conditions see. */
  answers: Map<number, StepAnswers>;
  pruned: Pruned;
  /** The state with the path recomputed and pruned answers removed. */
  state: SessionState;
}

/** Skipping is allowed for optional steps and for steps an OPTIONAL rule led to. */
export const skipAllowed = (step: WizardStep, arrival: NextStep | null): boolean =>
  !step.isRequired || Boolean(arrival?.optional);

function filterAnswer(vis: StepVisibility, answer: SetAnswer, pruned: Pruned): SetAnswer | null {
  const set = vis.sets.get(answer.setId);
  const ids = answer.optionIds ?? [];
  const given = ids.length > 0 || (answer.value !== undefined && answer.value !== null);
  if (!set?.visible) {
    if (given) pruned.setIds.push(answer.setId);
    return null;
  }
  if (!ids.length) return answer;
  const kept = ids.filter((id) => vis.options.get(id)?.visible);
  pruned.optionIds.push(...ids.filter((id) => !kept.includes(id)));
  if (!kept.length) return null;
  const input = answer.additionalInput ?? {};
  const additionalInput = Object.fromEntries(
    kept.filter((id) => Object.hasOwn(input, id)).map((id) => [id, input[id]]),
  );
  return { ...answer, optionIds: kept, additionalInput };
}

/** Drops answers of sets and options that are not visible, noting what was dropped. */
function filterVisible(vis: StepVisibility, answers: StepAnswers, pruned: Pruned): StepAnswers {
  const kept: Record<number, SetAnswer> = {};
  for (const answer of Object.values(answers)) {
    const filtered = filterAnswer(vis, answer, pruned);
    if (filtered) kept[answer.setId] = filtered;
  }
  return kept;
}

interface Walker {
  index: RuntimeIndex;
  state: SessionState;
  steps: WalkedStep[];
  answers: Map<number, StepAnswers>;
  selected: Set<number>;
  pruned: Pruned;
}

function facts(walker: Walker): FlowFacts {
  return {
    answers: walker.answers,
    price: priceOf(walker.index, walker.answers).total,
    stepsCompleted: walker.steps.filter((walked) => walked.status !== 'OPEN').length,
    isGuest: walker.state.isGuest ?? false,
  };
}

/** Places one step on the path; returns where the flow goes after it (null: stop here). */
function visit(walker: Walker, step: WizardStep, arrival: NextStep | null): NextStep | null {
  const { index, state } = walker;
  const visibility = stepVisibility(index, step.id, walker.selected);
  const recorded = Object.hasOwn(state.answers, step.id) ? state.answers[step.id] : null;
  const skip = Object.hasOwn(state.skipped, step.id) ? state.skipped[step.id] : null;
  const answers = recorded ? filterVisible(visibility, recorded, walker.pruned) : {};
  let status: StepStatus = 'OPEN';
  if (recorded && !answerProblems(index, visibility, answers).length) status = 'ANSWERED';
  else if (!recorded && skip?.allowed && skipAllowed(step, arrival)) status = 'SKIPPED';
  const walked: WalkedStep = { step, status, arrival, visibility, answers, next: null };
  walker.steps.push(walked);
  if (status === 'OPEN') return null;
  if (status === 'ANSWERED') {
    walker.answers.set(step.id, answers);
    for (const answer of Object.values(answers))
      for (const id of answer.optionIds ?? []) walker.selected.add(id);
  }
  walked.next = nextAfter(index, step.id, facts(walker));
  return walked.next;
}

function normalized(walker: Walker, steps: WalkedStep[]): SessionState {
  const answers: Record<number, StepAnswers> = {};
  const skipped: Record<number, SkipRecord> = {};
  for (const walked of steps) {
    if (Object.hasOwn(walker.state.answers, walked.step.id))
      answers[walked.step.id] = walked.answers;
    if (walked.status === 'SKIPPED') skipped[walked.step.id] = { allowed: true };
  }
  const path = steps.map((walked) => walked.step.id);
  const current = walker.state.currentStepId;
  return {
    ...walker.state,
    path,
    currentStepId: current !== null && path.includes(current) ? current : (path.at(-1) ?? null),
    answers,
    skipped,
  };
}

/**
 * Replays a session from the first active step: each step's recorded answers are filtered to what
 * is visible given the steps before it, and the flow is followed while steps are answered (validly)
 * or legitimately skipped. The path ends at the first open step, at completion, or where the flow
 * leads back to a step already on the path. Anything recorded off that path is pruned.
 */
export function walkSession(index: RuntimeIndex, state: SessionState): Walk {
  const pruned: Pruned = { stepIds: [], setIds: [], optionIds: [] };
  const walker: Walker = {
    index,
    state,
    steps: [],
    answers: new Map(),
    selected: new Set(),
    pruned,
  };
  let step = index.activeSteps.at(0);
  let arrival: NextStep | null = null;
  while (step && walker.steps.length < index.activeSteps.length) {
    const next = visit(walker, step, arrival);
    if (!next?.stepId || walker.steps.some((walked) => walked.step.id === next.stepId)) break;
    step = activeStep(index, next.stepId);
    arrival = next;
  }
  const byStep = new Map(walker.steps.map((walked) => [walked.step.id, walked]));
  const recorded = [...Object.keys(state.answers), ...Object.keys(state.skipped)].map(Number);
  pruned.stepIds = [...new Set(recorded)].filter((id) => !byStep.has(id)).sort((a, b) => a - b);
  const result = { steps: walker.steps, byStep, answers: walker.answers, pruned };
  return { ...result, state: normalized(walker, walker.steps) };
}

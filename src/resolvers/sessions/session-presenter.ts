import { isAuthor } from '../../auth/viewer';
import type { RequestDatabase } from '../../database/request-database';
import type { WizardModel } from '../../definitions/wizard-model';
import type { ConditionType } from '../../entities/enums';
import type { NextStep, Price, Problem, Progress, SetAnswer, StepView } from '../../runtime';
import type { StoredDraft } from '../../services/sessions/session-draft';
import type { SessionSnapshot } from '../../services/sessions/session-snapshot';
import type { AnswerProblem, FlowVia, NextStepExplanation } from './session-payload.types';
import type {
  FileMetadata,
  SessionAnswer,
  SessionDraft,
  SessionPrice,
  SessionProgress,
  SessionStepView,
  StepStatus,
} from './session-view.types';

/**
 * Whether the viewer sees what was typed into this session: its owner always; nobody else when
 * the session keeps it sealed; otherwise authors, and holders of a share that includes user data.
 */
export function revealsUserData(db: RequestDatabase, snapshot: SessionSnapshot): boolean {
  const viewer = db.viewer;
  if (viewer.kind !== 'anonymous' && viewer.userId === snapshot.session.userId) return true;
  if (!snapshot.session.storeUserData) return false;
  // Through a share, what was typed shows only when the share includes user data.
  const grant = db.presentedShare;
  if (grant?.sessionId === snapshot.session.id) return grant.includeUserData;
  return isAuthor(viewer) || snapshot.sharedWithData;
}

const fileOf = (value: SetAnswer['value']): FileMetadata | null =>
  value !== null && typeof value === 'object' ? { ...value } : null;
const textOf = (value: SetAnswer['value']): string | null =>
  typeof value === 'string' ? value : null;

export const presentProgress = (progress: Progress): SessionProgress => ({
  stepsDone: progress.done,
  stepsRemaining: progress.remaining,
  totalSteps: progress.total,
  percent: progress.percent,
});

export const presentPrice = (price: Price): SessionPrice => ({
  total: price.total,
  lines: price.lines.map((line) => ({
    id: line.optionId,
    stepId: line.stepId,
    setId: line.setId,
    label: line.label,
    price: line.price,
  })),
});

export function presentAnswer(answer: SetAnswer, reveal: boolean): SessionAnswer {
  const input = answer.additionalInput ?? {};
  return {
    setId: answer.setId,
    optionIds: [...(answer.optionIds ?? [])],
    value: reveal ? textOf(answer.value) : null,
    file: reveal ? fileOf(answer.value) : null,
    additionalInput: reveal
      ? Object.entries(input).map(([optionId, text]) => ({ optionId: Number(optionId), text }))
      : [],
  };
}

function presentDraft(draft: StoredDraft | null, stepId: number, reveal: boolean) {
  if (!draft || draft.stepId !== stepId) return null;
  const result: SessionDraft = {
    stepId: draft.stepId,
    answers: draft.answers.map((answer) => presentAnswer(answer, reveal)),
    savedAt: new Date(draft.savedAt),
  };
  return result;
}

export function presentStepView(
  model: WizardModel,
  view: StepView | null,
  options: { reveal: boolean; draft?: StoredDraft | null },
): SessionStepView | null {
  if (!view) return null;
  const { reveal } = options;
  return {
    id: view.stepId,
    step: model.steps.find((step) => step.id === view.stepId)!,
    key: view.key,
    name: view.name,
    status: view.status as StepStatus | null,
    current: view.current,
    canGoBack: view.canGoBack,
    canSkip: view.canSkip,
    optional: view.optional,
    autoAdvance: view.autoAdvance,
    sets: view.sets.map((set) => ({
      ...set,
      value: reveal ? textOf(set.value) : null,
      file: reveal ? fileOf(set.value) : null,
      options: set.options.map((option) => ({
        ...option,
        additionalInput: reveal ? option.additionalInput : null,
      })),
    })),
    draft: presentDraft(options.draft ?? null, view.stepId, reveal),
    price: presentPrice(view.price),
    progress: presentProgress(view.progress),
  };
}

export function presentNext(model: WizardModel, next: NextStep | null): NextStepExplanation | null {
  if (!next) return null;
  return {
    step:
      next.stepId === null ? null : (model.steps.find((step) => step.id === next.stepId) ?? null),
    complete: next.complete,
    via: next.via as FlowVia,
    rule: next.rule
      ? { id: next.rule.id, name: next.rule.name, type: next.rule.type as ConditionType }
      : null,
    optional: next.optional,
    reason: next.reason,
  };
}

export const presentProblem = (problem: Problem): AnswerProblem => ({
  code: problem.code,
  setId: problem.setId,
  setKey: problem.setKey,
  optionId: problem.optionId ?? null,
  message: problem.message,
});

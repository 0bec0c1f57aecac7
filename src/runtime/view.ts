import type { SelectionType } from '../entities/enums';
import type { RuntimeIndex } from './runtime-index';
import { skipAllowed, type StepStatus, type Walk } from './session-walk';
import type { Price, Progress, SetAnswer, StepAnswers } from './types';
import { stepVisibility, type StepVisibility } from './visibility';

export interface OptionView {
  id: number;
  key: string;
  label: string;
  price: string;
  requiresInput: boolean;
  visible: boolean;
  disabled: boolean;
  required: boolean;
  selected: boolean;
  recommended: boolean;
  /** Authored as pre-selected: a client pre-selects it while the set is unanswered. */
  default: boolean;
  additionalInput: string | null;
}

export interface SetView {
  id: number;
  key: string;
  name: string;
  selectionType: SelectionType;
  visible: boolean;
  required: boolean;
  minSelections: number;
  maxSelections: number | null;
  validationRules: Record<string, unknown> | null;
  /** The recorded value of a TEXT_INPUT, DATE_PICKER or FILE_UPLOAD set. */
  value: SetAnswer['value'];
  options: OptionView[];
}

export interface StepView {
  stepId: number;
  key: string;
  name: string;
  /** OPEN, ANSWERED or SKIPPED on the path; null when the step is not on the path. */
  status: StepStatus | null;
  current: boolean;
  canGoBack: boolean;
  canSkip: boolean;
  /** An OPTIONAL rule led here. */
  optional: boolean;
  autoAdvance: boolean;
  sets: SetView[];
  price: Price;
  progress: Progress;
}

function setViews(index: RuntimeIndex, vis: StepVisibility, answers: StepAnswers): SetView[] {
  return [...vis.sets.values()].map(({ set, visible, required }) => {
    const answer = Object.hasOwn(answers, set.id) ? answers[set.id] : undefined;
    const chosen = new Set(answer?.optionIds ?? []);
    const options = (index.optionsBySet.get(set.id) ?? []).map((option) => {
      const state = vis.options.get(option.id);
      return {
        id: option.id,
        key: option.key,
        label: option.label,
        price: option.price,
        requiresInput: option.requiresInput === true,
        visible: state?.visible ?? false,
        disabled: state?.disabled ?? true,
        required: state?.required ?? false,
        selected: chosen.has(option.id),
        recommended: option.isRecommended === true,
        default: option.isDefault === true,
        additionalInput: answer?.additionalInput?.[option.id] ?? null,
      };
    });
    const { id, key, name, selectionType, minSelections, maxSelections, validationRules } = set;
    const value = answer?.value ?? null;
    return {
      id,
      key,
      name,
      selectionType,
      visible,
      required,
      minSelections,
      maxSelections,
      validationRules,
      value,
      options,
    };
  });
}

/**
 * A step as the session sees it now. A step on the path sees the answers before it; any other
 * step sees every answer on the path. Price and progress are the session's.
 */
export function buildStepView(
  index: RuntimeIndex,
  walk: Walk,
  stepId: number,
  summary: { price: Price; progress: Progress },
): StepView | null {
  const step = index.stepById.get(stepId);
  if (!step?.isActive) return null;
  const walked = walk.byStep.get(stepId);
  const selected = new Set(
    [...walk.answers.values()].flatMap((answers) =>
      Object.values(answers).flatMap((answer) => answer.optionIds ?? []),
    ),
  );
  const vis = walked?.visibility ?? stepVisibility(index, stepId, selected);
  const position = walk.state.path.indexOf(stepId);
  return {
    stepId,
    key: step.key,
    name: step.name,
    status: walked?.status ?? null,
    current: walk.state.currentStepId === stepId,
    canGoBack: step.allowBackNavigation && position > 0,
    canSkip: walked !== undefined && skipAllowed(step, walked.arrival),
    optional: walked?.arrival?.optional ?? false,
    autoAdvance: step.autoAdvance,
    sets: setViews(index, vis, walked?.answers ?? {}),
    ...summary,
  };
}

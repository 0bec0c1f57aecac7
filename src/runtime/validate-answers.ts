import type { WizardOptionSet } from '../entities';
import { SelectionType } from '../entities/enums';
import type { RuntimeIndex } from './runtime-index';
import type { SetState, StepVisibility } from './visibility';
import type { Problem, ProblemCode, SetAnswer, StepAnswers } from './types';
import { checkValue, MAX_ADDITIONAL_INPUT_LENGTH } from './value-rules';

const CHOICE = new Set<SelectionType>([SelectionType.SINGLE, SelectionType.MULTIPLE]);

export const isChoiceSet = (set: WizardOptionSet): boolean => CHOICE.has(set.selectionType);

function problem(
  set: WizardOptionSet | null,
  code: ProblemCode,
  message: string,
  optionId?: number,
): Problem {
  const where = set ? { setId: set.id, setKey: set.key } : { setId: null, setKey: null };
  return { code, ...where, ...(optionId === undefined ? {} : { optionId }), message };
}

/** A value that counts as given: a non-empty string or an object (file metadata). */
export const hasValue = (answer: SetAnswer | undefined): boolean =>
  answer?.value !== undefined &&
  answer.value !== null &&
  (typeof answer.value !== 'string' || answer.value.trim() !== '');

const chosen = (answer: SetAnswer | undefined): readonly number[] => answer?.optionIds ?? [];

function optionProblems(
  index: RuntimeIndex,
  vis: StepVisibility,
  set: WizardOptionSet,
  ids: readonly number[],
  answer: SetAnswer,
) {
  const problems: Problem[] = [];
  for (const id of ids) {
    const option = index.optionById.get(id);
    const state = vis.options.get(id);
    if (!option || option.setId !== set.id)
      problems.push(
        problem(set, 'UNKNOWN_OPTION', `Option ${id} is not an option of this set.`, id),
      );
    else if (!state?.selectable)
      problems.push(problem(set, 'NOT_SELECTABLE', `"${option.label}" cannot be chosen now.`, id));
    else if (option.requiresInput) {
      const input = answer.additionalInput?.[id];
      if (typeof input !== 'string' || !input.trim())
        problems.push(problem(set, 'INPUT_REQUIRED', `"${option.label}" needs your input.`, id));
      else if (input.length > MAX_ADDITIONAL_INPUT_LENGTH)
        problems.push(
          problem(set, 'INPUT_TOO_LONG', `At most ${MAX_ADDITIONAL_INPUT_LENGTH} characters.`, id),
        );
    }
  }
  if (new Set(ids).size !== ids.length)
    problems.push(problem(set, 'DUPLICATE_OPTION', 'An option is chosen more than once.'));
  return problems;
}

function countProblems(state: SetState, count: number): Problem[] {
  const { set, required } = state;
  const single = set.selectionType === SelectionType.SINGLE;
  const min = single ? 1 : Math.max(set.minSelections, 1);
  const max = single ? 1 : set.maxSelections;
  if (count === 0)
    return required ? [problem(set, 'REQUIRED', `"${set.name}" needs an answer.`)] : [];
  if (count < min) return [problem(set, 'TOO_FEW', `Choose at least ${min} in "${set.name}".`)];
  if (max !== null && count > max)
    return [problem(set, 'TOO_MANY', `Choose at most ${max} in "${set.name}".`)];
  return [];
}

function choiceProblems(
  index: RuntimeIndex,
  vis: StepVisibility,
  state: SetState,
  answer: SetAnswer | undefined,
) {
  const { set } = state;
  if (hasValue(answer))
    return [problem(set, 'WRONG_KIND', `"${set.name}" takes options, not a value.`)];
  const ids = chosen(answer);
  const problems = answer ? optionProblems(index, vis, set, ids, answer) : [];
  problems.push(...countProblems(state, ids.length));
  for (const option of vis.options.values())
    if (option.option.setId === set.id && option.required && !ids.includes(option.option.id))
      problems.push(
        problem(
          set,
          'OPTION_REQUIRED',
          `"${option.option.label}" must be chosen.`,
          option.option.id,
        ),
      );
  return problems;
}

function valueProblems(state: SetState, answer: SetAnswer | undefined): Problem[] {
  const { set } = state;
  if (chosen(answer).length)
    return [problem(set, 'WRONG_KIND', `"${set.name}" takes a value, not options.`)];
  if (!hasValue(answer))
    return state.required ? [problem(set, 'REQUIRED', `"${set.name}" needs an answer.`)] : [];
  return checkValue(set, answer?.value).map(({ code, message }) => problem(set, code, message));
}

/** Answers naming sets that are not active, visible sets of this step. */
function strayProblems(index: RuntimeIndex, vis: StepVisibility, answers: StepAnswers): Problem[] {
  const problems: Problem[] = [];
  for (const [key, answer] of Object.entries(answers)) {
    const setId = Number(key);
    const set = index.setById.get(setId) ?? null;
    const state = vis.sets.get(setId);
    if (answer.setId !== setId)
      problems.push(
        problem(set, 'SET_MISMATCH', `The answer under set ${key} names set ${answer.setId}.`),
      );
    else if (!state)
      problems.push(problem(set, 'UNKNOWN_SET', `Set ${key} is not a set of this step.`));
    else if (!state.visible && (chosen(answer).length || hasValue(answer)))
      problems.push(problem(set, 'SET_HIDDEN', `"${state.set.name}" is not shown now.`));
  }
  return problems;
}

/** Every problem with a step's answers, given its visibility; [] when they can be recorded. */
export function answerProblems(
  index: RuntimeIndex,
  vis: StepVisibility,
  answers: StepAnswers,
): Problem[] {
  const problems = strayProblems(index, vis, answers);
  for (const state of vis.sets.values()) {
    if (!state.visible) continue;
    const answer = Object.hasOwn(answers, state.set.id) ? answers[state.set.id] : undefined;
    problems.push(
      ...(isChoiceSet(state.set)
        ? choiceProblems(index, vis, state, answer)
        : valueProblems(state, answer)),
    );
  }
  return problems;
}

export { problem };

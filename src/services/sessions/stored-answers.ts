import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { WizardStepSkip, WizardUserSelection } from '../../entities';
import { SelectionType } from '../../entities/enums';
import type { FileAnswer, SessionState, SetAnswer } from '../../runtime';
import { isFileAnswer } from '../../runtime/value-rules';
import type { SessionDataCipher } from './session-data-cipher';

/** What a private session keeps sealed in additional_input_encrypted, per selection row. */
interface SealedSelection {
  value?: string | FileAnswer;
  input?: string;
}

/** The user-typed parts of a selection row: from the columns, or opened from the sealed one. */
export function selectionContent(
  row: WizardUserSelection,
  cipher: SessionDataCipher,
  kindOf: (setId: number) => SelectionType | undefined,
): SealedSelection {
  if (row.additionalInputEncrypted)
    return cipher.open<SealedSelection>(row.sessionId, row.additionalInputEncrypted);
  const input = row.additionalInput?.text;
  let value: string | FileAnswer | undefined = row.selectedValue ?? undefined;
  // File metadata is kept as JSON text; only a FILE_UPLOAD set's value is read back as one.
  if (value !== undefined && kindOf(row.setId) === SelectionType.FILE_UPLOAD) {
    const parsed = JSON.parse(value) as unknown;
    if (isFileAnswer(parsed)) value = parsed;
  }
  return { value, ...(typeof input === 'string' ? { input } : {}) };
}

/**
 * Rebuilds the engine's answers and skips from stored rows (selection order is choice order).
 * Rows of one step and set become one SetAnswer.
 */
export function stateFromRows(
  row: { currentStepId: number | null; recordedStepIds: readonly number[] },
  selections: readonly WizardUserSelection[],
  skips: readonly WizardStepSkip[],
  cipher: SessionDataCipher,
  kindOf: (setId: number) => SelectionType | undefined,
  isGuest: boolean,
): SessionState {
  const answers: Record<number, Record<number, SetAnswer>> = {};
  for (const stepId of row.recordedStepIds) answers[stepId] = {};
  const ordered = [...selections].sort(
    (a, b) => (a.selectionOrder ?? 0) - (b.selectionOrder ?? 0) || a.id - b.id,
  );
  for (const selection of ordered) {
    const step = (answers[selection.stepId] ??= {});
    const content = selectionContent(selection, cipher, kindOf);
    const answer = (step[selection.setId] ??= { setId: selection.setId });
    if (selection.optionId === null) {
      step[selection.setId] = { setId: selection.setId, value: content.value ?? null };
      continue;
    }
    const optionIds = [...(answer.optionIds ?? []), selection.optionId];
    const additionalInput = { ...(answer.additionalInput ?? {}) };
    if (content.input !== undefined) additionalInput[selection.optionId] = content.input;
    step[selection.setId] = { setId: selection.setId, optionIds, additionalInput };
  }
  const skipped = Object.fromEntries(skips.map((skip) => [skip.stepId, { allowed: true }]));
  return { path: [], currentStepId: row.currentStepId, answers, skipped, isGuest };
}

export interface SelectionRowContext {
  sessionId: number;
  stepId: number;
  storeUserData: boolean;
  cipher: SessionDataCipher;
  timeSpentSeconds: number | null;
  /** The first selection_order to use; each row takes the next. */
  firstOrder: number;
}

/**
 * The selection rows recording one step's answers, in the order given: a row per chosen option
 * (in choice order), one per value.
 */
export function selectionRows(
  answers: readonly SetAnswer[],
  context: SelectionRowContext,
): QueryDeepPartialEntity<WizardUserSelection>[] {
  const rows: QueryDeepPartialEntity<WizardUserSelection>[] = [];
  const base = () => ({
    sessionId: context.sessionId,
    stepId: context.stepId,
    selectionOrder: context.firstOrder + rows.length,
    timeSpentSeconds: context.timeSpentSeconds,
  });
  const content = (setId: number, optionId: number | null, sealed: SealedSelection) => {
    const hasContent = sealed.value !== undefined || sealed.input !== undefined;
    if (!context.storeUserData) {
      const encrypted = hasContent ? context.cipher.seal(context.sessionId, sealed) : null;
      return {
        setId,
        optionId,
        selectedValue: null,
        additionalInput: null,
        additionalInputEncrypted: encrypted,
      };
    }
    const value = sealed.value;
    return {
      setId,
      optionId,
      selectedValue:
        value === undefined ? null : typeof value === 'string' ? value : JSON.stringify(value),
      additionalInput: sealed.input === undefined ? null : { text: sealed.input },
      additionalInputEncrypted: null,
    };
  };
  for (const answer of answers) {
    if (answer.optionIds?.length) {
      for (const optionId of answer.optionIds) {
        const input = answer.additionalInput?.[optionId];
        rows.push({
          ...base(),
          ...content(answer.setId, optionId, input === undefined ? {} : { input }),
        });
      }
    } else if (answer.value !== undefined && answer.value !== null) {
      rows.push({ ...base(), ...content(answer.setId, null, { value: answer.value }) });
    }
  }
  return rows;
}

/** What recorded_step_ids holds for a state: every step with recorded answers. */
export const recordedSteps = (state: SessionState): number[] =>
  Object.keys(state.answers)
    .map(Number)
    .sort((a, b) => a - b);

/** Whether a stored row is still part of the answers (same step, set and option or value). */
export function rowIsKept(row: WizardUserSelection, answers: SessionState['answers']): boolean {
  const step = Object.hasOwn(answers, row.stepId) ? answers[row.stepId] : undefined;
  const answer = step && Object.hasOwn(step, row.setId) ? step[row.setId] : undefined;
  if (!answer) return false;
  return row.optionId === null
    ? answer.value !== undefined && answer.value !== null
    : (answer.optionIds ?? []).includes(row.optionId);
}

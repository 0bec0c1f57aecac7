import { SelectionType } from '../../entities/enums';
import { badUserInput, type FieldProblem } from '../../errors/error-code';
import { checkValidationRules } from './validation-rules';

/** The columns of an option set that must agree with each other. */
export interface SetShape {
  selectionType: SelectionType;
  minSelections: number;
  maxSelections: number | null;
  validationRules: Record<string, unknown> | null;
}

/** A new set's shape before the author's fields apply (the columns' defaults). */
export const NEW_SET: SetShape = {
  selectionType: SelectionType.SINGLE,
  minSelections: 0,
  maxSelections: null,
  validationRules: null,
};

/** Only SINGLE and MULTIPLE sets are answered by choosing options; the others take a value. */
export function takesOptions(type: SelectionType): boolean {
  return type === SelectionType.SINGLE || type === SelectionType.MULTIPLE;
}

function boundsProblem(after: SetShape, changes: Partial<SetShape>): FieldProblem | null {
  if (after.maxSelections == null || after.minSelections <= after.maxSelections) return null;
  // Name the field the author changed, so an update of one bound points at that one.
  return changes.minSelections === undefined
    ? {
        field: 'maxSelections',
        message: `must not be less than minSelections (${after.minSelections})`,
      }
    : {
        field: 'minSelections',
        message: `must not be greater than maxSelections (${after.maxSelections})`,
      };
}

/**
 * Refuses (BAD_USER_INPUT) a set whose columns would disagree after `changes`. Only what the
 * changes touch is checked, so editing a title never trips over older stored data; a new type is
 * checked against the stored rules, and `optionCount` is the set's options (0 for a new set).
 */
export function assertSetShape(
  before: SetShape,
  changes: Partial<SetShape>,
  optionCount: number,
): void {
  const after = { ...before, ...stripUndefined(changes) };
  const problems: FieldProblem[] = [];
  if (changes.minSelections !== undefined || changes.maxSelections !== undefined) {
    const problem = boundsProblem(after, changes);
    if (problem) problems.push(problem);
  }
  if (
    changes.selectionType !== undefined &&
    optionCount > 0 &&
    !takesOptions(after.selectionType)
  ) {
    problems.push({
      field: 'selectionType',
      message: `must stay SINGLE or MULTIPLE while the set has ${optionCount} option(s)`,
    });
  }
  if (changes.selectionType !== undefined || changes.validationRules !== undefined) {
    problems.push(...checkValidationRules(after.selectionType, after.validationRules));
  }
  if (problems.length > 0) {
    const summary = problems.map((problem) => `${problem.field} ${problem.message}`).join('; ');
    throw badUserInput(`The option set is not consistent: ${summary}`, problems);
  }
}

function stripUndefined<T extends object>(changes: Partial<T>): Partial<T> {
  return Object.fromEntries(
    Object.entries(changes).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}

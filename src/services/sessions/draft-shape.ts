import type { WizardModel } from '../../definitions/wizard-model';
import type { FieldProblem } from '../../errors/error-code';
import type { StepAnswers } from '../../runtime';

/**
 * A draft is not checked against the rules (it is work in progress), but it must be about the
 * step: its sets belong to the step and its options to their sets, so that a stored draft never
 * names rows of another wizard.
 */
export function draftProblems(
  model: WizardModel,
  stepId: number,
  answers: StepAnswers,
  order: readonly number[],
): FieldProblem[] {
  const sets = new Map(
    model.optionSets.filter((set) => set.stepId === stepId).map((set) => [set.id, set]),
  );
  const optionSet = new Map(model.options.map((option) => [option.id, option.setId]));
  const problems: FieldProblem[] = [];
  order.forEach((setId, index) => {
    const field = `answers[${index}]`;
    if (!sets.has(setId)) {
      problems.push({ field: `${field}.setId`, message: `set ${setId} is not a set of this step` });
      return;
    }
    for (const optionId of answers[setId].optionIds ?? [])
      if (optionSet.get(optionId) !== setId)
        problems.push({
          field: `${field}.optionIds`,
          message: `option ${optionId} is not an option of set ${setId}`,
        });
  });
  return problems;
}

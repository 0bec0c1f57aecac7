import { badUserInput } from '../../errors/error-code';
import { parseId } from '../../graphql/ids';
import type { SetAnswer } from '../../runtime';
import type { GivenAnswers } from '../../services/sessions/session-runtime.service';
import type { AnswerInput } from '../inputs/session.inputs';

/**
 * The GraphQL answers as the engine takes them: by set id, ids parsed, one answer per set. The
 * rules (counts, patterns, visibility…) are the engine's to check.
 */
export function toGivenAnswers(answers: readonly AnswerInput[]): GivenAnswers {
  const byId: Record<number, SetAnswer> = {};
  const order: number[] = [];
  answers.forEach((answer, index) => {
    const field = `answers[${index}]`;
    const setId = parseId(answer.setId, `${field}.setId`);
    if (Object.hasOwn(byId, setId))
      throw badUserInput(`Set ${setId} is answered twice`, [
        { field: `${field}.setId`, message: 'one answer per set' },
      ]);
    if (answer.value != null && answer.file != null)
      throw badUserInput('Give a value or a file, not both', [
        { field: `${field}.file`, message: 'give value or file, not both' },
      ]);
    const optionIds = (answer.optionIds ?? []).map((id, i) =>
      parseId(id, `${field}.optionIds[${i}]`),
    );
    const additionalInput: Record<number, string> = {};
    (answer.additionalInput ?? []).forEach((entry, i) => {
      additionalInput[parseId(entry.optionId, `${field}.additionalInput[${i}].optionId`)] =
        entry.text;
    });
    const value = answer.file ? { ...answer.file } : (answer.value ?? undefined);
    byId[setId] = {
      setId,
      ...(optionIds.length ? { optionIds, additionalInput } : {}),
      ...(value !== undefined ? { value } : {}),
    };
    order.push(setId);
  });
  return { answers: byId, order };
}

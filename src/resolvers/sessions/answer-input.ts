import { badUserInput } from '../../errors/error-code';
import { parseId } from '../../graphql/ids';
import type { SetAnswer } from '../../runtime';
import type { GivenAnswers } from '../../services/sessions/session-runtime.service';
import type { AnswerInput } from '../inputs/session.inputs';

/** PostgreSQL text cannot hold U+0000: such text is refused here rather than by the database. */
function refuseNul(text: string | null | undefined, field: string): void {
  if (text?.includes('\u0000'))
    throw badUserInput('Text must not contain NUL characters (U+0000)', [
      { field, message: 'must not contain U+0000' },
    ]);
}

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
    refuseNul(answer.value, `${field}.value`);
    refuseNul(answer.file?.name, `${field}.file.name`);
    refuseNul(answer.file?.mimeType, `${field}.file.mimeType`);
    const optionIds = (answer.optionIds ?? []).map((id, i) =>
      parseId(id, `${field}.optionIds[${i}]`),
    );
    const additionalInput: Record<number, string> = {};
    (answer.additionalInput ?? []).forEach((entry, i) => {
      refuseNul(entry.text, `${field}.additionalInput[${i}].text`);
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

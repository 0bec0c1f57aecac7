import { GraphQLError } from 'graphql';
import { ErrorCode, type FieldProblem } from '../../errors/error-code';
import type { Problem, StepAnswers } from '../../runtime';

/**
 * The input field a step-level problem is about: the step named (submit, skip), or the session
 * (back, whose input names no step). skipStep and goBack take no answers to point into.
 */
const STEP_FIELD: Partial<Record<Problem['code'], string>> = {
  STEP_NOT_ON_PATH: 'stepId',
  NOT_CURRENT: 'stepId',
  SKIP_NOT_ALLOWED: 'stepId',
  BACK_NOT_ALLOWED: 'sessionId',
  NO_PREVIOUS_STEP: 'sessionId',
};

/**
 * BAD_USER_INPUT for answers the engine refused: each problem with its set and rule code, and
 * a field path into the input (`answers[2]`) where the problem is about a given answer
 * (`otherwise` names the field of the rest).
 */
export function answerProblemsError(
  problems: readonly Problem[],
  answers: StepAnswers,
  order: readonly number[],
  otherwise = 'answers',
): GraphQLError {
  const fields: FieldProblem[] = problems.map((problem) => {
    const index = problem.setId === null ? -1 : order.indexOf(problem.setId);
    const inAnswers = problem.setId !== null && Object.hasOwn(answers, problem.setId);
    const field =
      STEP_FIELD[problem.code] ?? (inAnswers && index >= 0 ? `answers[${index}]` : otherwise);
    return { field, message: `${problem.code}: ${problem.message}` };
  });
  const first = problems[0];
  const message =
    problems.length === 1 ? first.message : `${first.message} (and ${problems.length - 1} more)`;
  return new GraphQLError(message, {
    extensions: {
      code: ErrorCode.BAD_USER_INPUT,
      fields,
      problems: problems.map((problem) => ({
        code: problem.code,
        setId: problem.setId === null ? null : String(problem.setId),
        setKey: problem.setKey,
        optionId: problem.optionId === undefined ? null : String(problem.optionId),
        message: problem.message,
      })),
    },
  });
}

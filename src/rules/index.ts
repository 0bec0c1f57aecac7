export {
  checkCondition,
  compileCondition,
  ConditionError,
  evaluateCondition,
  type CompiledCondition,
} from './condition-language';
export {
  conditionContext,
  type AnswerValue,
  type ConditionContext,
  type ConditionInput,
  type FileAnswer,
} from './condition-context';
export {
  MAX_CONDITION_COST,
  MAX_CONDITION_LENGTH,
  MAX_CONDITION_NESTING,
} from './condition-limits';
export type { ConditionProblem, ConditionProblemCode } from './condition-problems';

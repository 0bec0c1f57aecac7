export {
  canComplete,
  checkAnswers,
  goBack,
  nextStep,
  path,
  price,
  progress,
  shouldAutoAdvance,
  skip,
  startSession,
  submit,
  viewStep,
  type Completion,
  type MoveResult,
  type PathStep,
} from './engine';
export type { StepStatus } from './session-walk';
export type * from './types';
export { PROBLEM_CODES } from './types';
export { MAX_TOTAL, totalProblem } from './price-limit';
export type { OptionView, SetView, StepView } from './view';
export { MAX_ADDITIONAL_INPUT_LENGTH, MAX_TEXT_LENGTH } from './value-rules';

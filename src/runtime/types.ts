import type { FileAnswer } from '../rules';

export type { FileAnswer };

/** The answer to one option set. Choice sets use optionIds, value sets use value. */
export interface SetAnswer {
  setId: number;
  /** SINGLE and MULTIPLE: the chosen options, in the order chosen. */
  optionIds?: readonly number[];
  /** TEXT_INPUT: the text; DATE_PICKER: `YYYY-MM-DD`; FILE_UPLOAD: file metadata (never content). */
  value?: string | FileAnswer | null;
  /** Text typed for chosen options that `requiresInput`, by option id. */
  additionalInput?: Readonly<Record<number, string>>;
}

/** The answers of one step, by set id. */
export type StepAnswers = Readonly<Record<number, SetAnswer>>;

export interface SkipRecord {
  /** Whether skipping was allowed when it happened (engine-made skips always are). */
  allowed: boolean;
}

/**
 * Everything the engine knows about a session: plain data, never mutated by the engine.
 * `path` is the visited steps in order; `currentStepId` is on it (or null before the start).
 */
export interface SessionState {
  path: readonly number[];
  currentStepId: number | null;
  /** Recorded answers by step id. */
  answers: Readonly<Record<number, StepAnswers>>;
  /** Skipped steps by step id. */
  skipped: Readonly<Record<number, SkipRecord>>;
  isGuest?: boolean;
}

/** Every problem code the engine reports (README: Runtime semantics). */
export const PROBLEM_CODES = [
  'STEP_NOT_ON_PATH',
  'UNKNOWN_SET',
  'SET_MISMATCH',
  'SET_HIDDEN',
  'WRONG_KIND',
  'REQUIRED',
  'TOO_FEW',
  'TOO_MANY',
  'DUPLICATE_OPTION',
  'UNKNOWN_OPTION',
  'NOT_SELECTABLE',
  'OPTION_REQUIRED',
  'INPUT_REQUIRED',
  'INPUT_TOO_LONG',
  'MIN_LENGTH',
  'MAX_LENGTH',
  'PATTERN',
  'RULE_INVALID',
  'DATE_FORMAT',
  'DATE_RANGE',
  'FILE_INVALID',
  'MIME_TYPE',
  'TOO_LARGE',
  'SKIP_NOT_ALLOWED',
  'NOT_CURRENT',
  'BACK_NOT_ALLOWED',
  'NO_PREVIOUS_STEP',
  'PRICE_TOO_HIGH',
] as const;

export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** One thing wrong with an answer or a move; set fields are null for step-level problems. */
export interface Problem {
  code: ProblemCode;
  setId: number | null;
  setKey: string | null;
  optionId?: number;
  message: string;
}

export interface RuleRef {
  id: number;
  name: string | null;
  type: string;
}

/** Where the flow goes after a step, and why. */
export interface NextStep {
  /** The next step, or null when the session can complete. */
  stepId: number | null;
  complete: boolean;
  via: 'RULE' | 'DEFAULT' | 'COMPLETE';
  rule: RuleRef | null;
  /** Arrived by an OPTIONAL rule: the target may be skipped. */
  optional: boolean;
  reason: string;
}

export interface PriceLine {
  stepId: number;
  setId: number;
  optionId: number;
  label: string;
  price: string;
}

export interface Price {
  total: string;
  lines: PriceLine[];
}

export interface Progress {
  done: number;
  remaining: number;
  total: number;
  percent: number;
}

/** What a change removed from the recorded answers. */
export interface Pruned {
  /** Steps whose answers or skip were dropped because they left the path. */
  stepIds: number[];
  /** Sets whose answers were dropped because the set is no longer visible. */
  setIds: number[];
  /** Options dropped from kept answers because they are no longer visible. */
  optionIds: number[];
}

import type { WizardModel } from '../definitions/wizard-model';
import { answerSchema, type AnswerKind, type AnswerSchema } from './condition-schema';

/** A FILE_UPLOAD answer as conditions see it (`bytes` is a CEL int). */
export interface FileAnswer {
  name: string;
  mimeType: string;
  bytes: number;
}

/** Option keys (SINGLE, MULTIPLE), text or `YYYY-MM-DD` (TEXT_INPUT, DATE_PICKER), or a file. */
export type AnswerValue = readonly string[] | string | FileAnswer;

export interface ConditionInput {
  /** Answers by step key, then set key; steps and sets not given are unanswered. */
  answers?: Readonly<Record<string, Readonly<Record<string, AnswerValue | null | undefined>>>>;
  /** The running total (a number or a decimal string such as "1499.00"); 0 when not given. */
  price?: number | string;
  /** Steps submitted so far (default 0) and whether the session has no account (default false). */
  session?: { stepsCompleted?: number; isGuest?: boolean };
}

/** What evaluateCondition needs: the wizard's answer shape and the CEL variables. */
export interface ConditionContext {
  readonly schema: AnswerSchema;
  readonly variables: Readonly<Record<string, unknown>>;
}

function fileValue(value: unknown, path: string): Record<string, unknown> {
  const file = value as Partial<FileAnswer> | null;
  if (
    typeof file?.name !== 'string' ||
    typeof file.mimeType !== 'string' ||
    !Number.isSafeInteger(file.bytes) ||
    Number(file.bytes) < 0
  )
    throw new TypeError(`${path}: expected { name, mimeType, bytes } for a file answer`);
  return { name: file.name, mimeType: file.mimeType, bytes: BigInt(file.bytes as number) };
}

/** The CEL value of one answer; undefined leaves it absent (`has()` is false). */
function answerValue(kind: AnswerKind, value: unknown, path: string): unknown {
  if (kind === 'choices') {
    if (value === undefined || value === null) return [];
    if (Array.isArray(value) && value.every((key) => typeof key === 'string')) return [...value];
    throw new TypeError(`${path}: expected a list of option keys`);
  }
  if (value === undefined || value === null) return undefined;
  if (kind === 'file') return fileValue(value, path);
  if (typeof value === 'string') return value;
  throw new TypeError(`${path}: expected a string`);
}

function answersMap(schema: AnswerSchema, input: ConditionInput['answers'] = {}) {
  const answers = new Map<string, Map<string, unknown>>();
  for (const step of schema.steps) {
    const given = Object.hasOwn(input, step.key) ? input[step.key] : {};
    const sets = new Map<string, unknown>();
    for (const set of step.sets) {
      const raw = Object.hasOwn(given, set.key) ? given[set.key] : undefined;
      const value = answerValue(set.kind, raw, `answers.${step.key}.${set.key}`);
      if (value !== undefined) sets.set(set.key, value);
    }
    answers.set(step.key, sets);
  }
  return answers;
}

/**
 * The variables of a condition for one moment of a session. Every step of the wizard is present;
 * unanswered SINGLE/MULTIPLE sets are empty lists (so `'x' in answers.s.set` is false), unanswered
 * TEXT_INPUT, DATE_PICKER and FILE_UPLOAD sets are absent (test them with `has(...)`; reading one
 * is an evaluation error, and a condition that errors does not hold). Keys the wizard does not
 * have are ignored; a value of the wrong shape is a programming error and throws a TypeError.
 */
export function conditionContext(model: WizardModel, input: ConditionInput = {}): ConditionContext {
  const schema = answerSchema(model);
  const price = Number(input.price ?? 0);
  if (!Number.isFinite(price)) throw new TypeError(`price: not a number: ${String(input.price)}`);
  const stepsCompleted = input.session?.stepsCompleted ?? 0;
  if (!Number.isSafeInteger(stepsCompleted) || stepsCompleted < 0)
    throw new TypeError(`session.stepsCompleted: not a count: ${stepsCompleted}`);
  const session = {
    stepsCompleted: BigInt(stepsCompleted),
    isGuest: input.session?.isGuest ?? false,
  };
  return { schema, variables: { answers: answersMap(schema, input.answers), price, session } };
}

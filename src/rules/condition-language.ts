/**
 * Flow-rule conditions: CEL expressions over `answers`, `price` and `session`, type-checked
 * against one wizard and evaluated by @marcbachmann/cel-js (an interpreter: no eval, no Function).
 *
 * Why that library: it type-checks against registered types (so unknown step or set keys and
 * type errors are caught when a rule is saved), has parse-time structural limits and no
 * dependencies. It is ESM-only; Node >= 20.19 require()s it from our CommonJS build (tsconfig
 * `module: node20`), and jest.config.ts transpiles it for jest 29, which cannot.
 */
import type { ParseResult } from '@marcbachmann/cel-js';
import type { WizardModel } from '../definitions/wizard-model';
import { BoundedCache } from './bounded-cache';
import type { ConditionContext } from './condition-context';
import { estimateCost } from './condition-cost';
import { conditionEnvironment } from './condition-environment';
import {
  longestPrefixOperatorRun,
  MAX_CONDITION_COST,
  MAX_CONDITION_LENGTH,
  MAX_CONDITION_NESTING,
} from './condition-limits';
import { problemFromError, type ConditionProblem } from './condition-problems';
import { answerSchema, type AnswerSchema } from './condition-schema';

/** A condition that passed checkCondition, ready to evaluate many times. */
export interface CompiledCondition {
  readonly expression: string;
  /** The answer schema it was checked against (see AnswerSchema.signature). */
  readonly signature: string;
  readonly program: ParseResult;
}

/** Thrown by compileCondition for an expression with problems. */
export class ConditionError extends Error {
  constructor(readonly problems: ConditionProblem[]) {
    super(problems.map((problem) => problem.message).join(' '));
    this.name = 'ConditionError';
  }
}

type Compilation =
  | { condition: CompiledCondition; problems: [] }
  | { condition: null; problems: ConditionProblem[] };

// Keyed by schema signature and expression; expressions are at most MAX_CONDITION_LENGTH long.
const compilations = new BoundedCache<string, Compilation>(2000);

/** Problems found without parsing: the limits that protect the parser itself. */
function limitProblems(expression: string): ConditionProblem[] {
  if (!expression.trim()) return [{ code: 'EMPTY', message: 'The condition is empty.' }];
  if (expression.length > MAX_CONDITION_LENGTH) {
    const message = `Longer than ${MAX_CONDITION_LENGTH} characters (${expression.length}).`;
    return [{ code: 'TOO_LONG', message }];
  }
  if (longestPrefixOperatorRun(expression) > MAX_CONDITION_NESTING) {
    const message = `More than ${MAX_CONDITION_NESTING} prefix operators (! or -) in a row.`;
    return [{ code: 'TOO_DEEP', message }];
  }
  return [];
}

/** A well-typed condition that could still take too long (condition-cost.ts). */
function costProblem(program: ParseResult, schema: AnswerSchema): ConditionProblem | null {
  const { cost, regex } = estimateCost(program.ast, schema);
  // A JavaScript RegExp has no time bound: `(a+)+$`, and even `a*a*a*a*b` (which safe-regex
  // accepts), ran for more than 30 s against a 10,000-character answer. The library cannot drop
  // `matches`, so it is refused here.
  if (regex) {
    const message =
      'matches() is not available in conditions (a regular expression can take minutes on a ' +
      'long answer); use startsWith, endsWith or contains.';
    return { code: 'TOO_COSTLY', message, start: regex.start, end: regex.end };
  }
  if (cost <= MAX_CONDITION_COST) return null;
  const steps = (count: number) => Math.round(count).toLocaleString('en-US');
  const estimate = Number.isFinite(cost) ? `about ${steps(cost)}` : 'unbounded';
  const message =
    `Could take too long to evaluate (${estimate} steps, at most ${steps(MAX_CONDITION_COST)}): ` +
    'loops over lists or text multiply (nested map, filter, all, exists, or split of an answer).';
  return { code: 'TOO_COSTLY', message };
}

function compileNew(expression: string, schema: AnswerSchema): Compilation {
  try {
    const program = conditionEnvironment(schema).parse(expression);
    const checked = program.check();
    if (!checked.valid)
      return { condition: null, problems: [problemFromError(checked.error, schema)] };
    if (checked.type !== 'bool') {
      const message = `The condition must be true or false; this one is a ${checked.type}.`;
      return { condition: null, problems: [{ code: 'NOT_BOOLEAN', message }] };
    }
    const costly = costProblem(program, schema);
    if (costly) return { condition: null, problems: [costly] };
    return { condition: { expression, signature: schema.signature, program }, problems: [] };
  } catch (error) {
    return { condition: null, problems: [problemFromError(error, schema)] };
  }
}

function compile(expression: string, schema: AnswerSchema): Compilation {
  const problems = limitProblems(expression);
  if (problems.length) return { condition: null, problems };
  const key = `${schema.signature}\n${expression}`;
  return compilations.getOrCreate(key, () => compileNew(expression, schema));
}

/**
 * Parses and type-checks a condition against this wizard's steps and sets; [] when it is fine.
 * Problems: empty, too long, too deep, syntax, unknown step / set / field, type errors, a
 * result that is not a bool, and too costly to evaluate.
 */
export function checkCondition(expression: string, model: WizardModel): ConditionProblem[] {
  return compile(expression, answerSchema(model)).problems;
}

/** The checked condition, ready for evaluateCondition; throws a ConditionError otherwise. */
export function compileCondition(expression: string, model: WizardModel): CompiledCondition {
  const { condition, problems } = compile(expression, answerSchema(model));
  if (!condition) throw new ConditionError(problems);
  return condition;
}

/**
 * Whether the condition holds. It never throws: a condition that does not compile for this
 * wizard, or whose evaluation fails (e.g. it reads an unanswered TEXT_INPUT set without `has()`),
 * does not hold; `onError` hears why. A condition compiled for another shape of the wizard is
 * compiled again for the context's.
 */
export function evaluateCondition(
  condition: CompiledCondition | string,
  context: ConditionContext,
  onError?: (error: Error) => void,
): boolean {
  const expression = typeof condition === 'string' ? condition : condition.expression;
  try {
    const compiled =
      typeof condition !== 'string' && condition.signature === context.schema.signature
        ? condition
        : compile(expression, context.schema).condition;
    if (!compiled) throw new ConditionError(compile(expression, context.schema).problems);
    return compiled.program(context.variables) === true;
  } catch (error) {
    onError?.(error instanceof Error ? error : new Error(String(error)));
    return false;
  }
}

import { ParseError, TypeError as CelTypeError, type ASTNode } from '@marcbachmann/cel-js';
import type { AnswerSchema } from './condition-schema';

/** Why a condition cannot be saved; stable codes, messages for authors. */
export type ConditionProblemCode =
  | 'EMPTY'
  | 'TOO_LONG'
  | 'TOO_DEEP'
  | 'TOO_COSTLY'
  | 'SYNTAX'
  | 'UNKNOWN_STEP'
  | 'UNKNOWN_SET'
  | 'UNKNOWN_FIELD'
  | 'TYPE'
  | 'NOT_BOOLEAN';

export interface ConditionProblem {
  code: ConditionProblemCode;
  message: string;
  /** Character range in the expression, when the problem has a place. */
  start?: number;
  end?: number;
}

const MAX_LISTED_KEYS = 20;

function listKeys(keys: string[]): string {
  if (!keys.length) return 'none';
  const shown = keys.slice(0, MAX_LISTED_KEYS).join(', ');
  return keys.length > MAX_LISTED_KEYS ? `${shown}, …` : shown;
}

/** `answers.a['b']` as ['answers', 'a', 'b']; null when any part is not a plain name. */
export function selectPath(node: ASTNode): string[] | null {
  if (node.op === 'id') return [node.args];
  if (node.op === '.') {
    const parent = selectPath(node.args[0]);
    return parent && [...parent, node.args[1]];
  }
  if (node.op === '[]' && node.args[1].op === 'value' && typeof node.args[1].args === 'string') {
    const parent = selectPath(node.args[0]);
    return parent && [...parent, node.args[1].args];
  }
  return null;
}

/** An unknown step, set or field, named in the words of this wizard. */
function unknownKeyProblem(node: ASTNode | undefined, schema: AnswerSchema): ConditionProblem {
  const path = node && selectPath(node);
  const key = path?.at(-1) ?? '?';
  const [root, stepKey] = path ?? [];
  if (root === 'answers' && path?.length === 2) {
    const steps = schema.steps.map((step) => step.key);
    return { code: 'UNKNOWN_STEP', message: `No step "${key}" (steps: ${listKeys(steps)}).` };
  }
  const step = schema.steps.find((candidate) => candidate.key === stepKey);
  if (root === 'answers' && path?.length === 3 && step) {
    const sets = step.sets.map((set) => set.key);
    const message = `Step "${stepKey}" has no set "${key}" (its sets: ${listKeys(sets)}).`;
    return { code: 'UNKNOWN_SET', message };
  }
  const owner = path ? path.slice(0, -1).join('.') : 'the value';
  return { code: 'UNKNOWN_FIELD', message: `${owner} has no field "${key}".` };
}

/** A problem for an error the parser or the type checker raised. */
export function problemFromError(error: unknown, schema: AnswerSchema): ConditionProblem {
  const problem = classify(error, schema);
  const range = error instanceof ParseError || error instanceof CelTypeError ? error.range : null;
  return range ? { ...problem, start: range.start, end: range.end } : problem;
}

function classify(error: unknown, schema: AnswerSchema): ConditionProblem {
  if (error instanceof ParseError) {
    if (error.code === 'limit_exceeded')
      return { code: 'TOO_DEEP', message: `Too deeply nested or too complex (${error.summary}).` };
    return { code: 'SYNTAX', message: `Syntax error: ${error.summary}.` };
  }
  if (error instanceof CelTypeError) {
    if (error.code === 'no_such_key') return unknownKeyProblem(error.node, schema);
    return { code: 'TYPE', message: `Type error: ${error.summary}.` };
  }
  // The limits keep recursion far below the stack size; this is the last line of defence.
  if (error instanceof RangeError) return { code: 'TOO_DEEP', message: 'Too deeply nested.' };
  // cel-js 8.0.0's checker throws a plain Error when it cannot choose an operator for operands of
  // unknown type (`[][0] + [][0]`: "Operator overload 'int + int: int' overlaps with …"). The
  // expression is at fault, not the program (found by test/unit/condition-fuzz.test.ts).
  if (error instanceof Error && error.message.startsWith('Operator overload ')) {
    const message = `Type error: operands of unknown type (${error.message.replace(/\.$/, '')}).`;
    return { code: 'TYPE', message };
  }
  throw error;
}

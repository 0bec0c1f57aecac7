/**
 * A worst-case estimate of what evaluating a condition costs, made from its parse tree when it is
 * checked. The parser's limits bound size and nesting, not work: within 1,000 characters, nested
 * comprehensions (`l.map(a, l.map(b, …))`), a loop over `split('')` of a 10,000-character answer,
 * or a value doubled again and again by `cel.bind` were measured at seconds each. The unit is a
 * step (see MAX_CONDITION_COST); each value is followed by its largest possible size.
 */
import type { ASTNode } from '@marcbachmann/cel-js';
import { selectPath } from './condition-problems';
import type { AnswerKind, AnswerSchema } from './condition-schema';

/** The largest a value can be: its length (characters, elements, entries or fields) and its items'. */
interface Shape {
  readonly len: number;
  readonly item?: Shape;
}

interface Estimate {
  readonly cost: number;
  readonly shape: Shape;
}

type Scope = ReadonlyMap<string, Shape>;

// Answers as the runtime bounds them: text at most 10,000 characters (MAX_TEXT_LENGTH, up to twice
// as many UTF-16 units), choices at most one per option (200 per set in a definition), keys of 100.
const SCALAR: Shape = { len: 1 };
const TEXT: Shape = { len: 20_000 };
const KIND_SHAPES: Record<AnswerKind, Shape> = {
  text: TEXT,
  choices: { len: 200, item: { len: 100 } },
  file: { len: 3, item: TEXT },
};
const SESSION: Shape = { len: 2, item: SCALAR };

const COMPREHENSIONS = new Set(['all', 'exists', 'exists_one', 'map', 'filter']);
const COMPARISONS = new Set(['==', '!=', '<', '<=', '>', '>=']);
const READERS = new Set(['startsWith', 'endsWith']);
const SEARCHES = new Set(['contains', 'indexOf', 'lastIndexOf']);

/** Characters or elements in all of a value, nested ones included. */
const weight = (shape: Shape): number => shape.len * (shape.item ? weight(shape.item) : 1);
const total = (shapes: Shape[]): number => shapes.reduce((sum, shape) => sum + weight(shape), 0);
// Measured: an interpreter step, or building a string or list one character or element at a time,
// takes 2-30 ns; reading a character (comparing, searching) 0.3-4 ns.
const READ_PER_STEP = 8;
/** Steps to read values from end to end. */
const reading = (...shapes: Shape[]): number => total(shapes) / READ_PER_STEP;

/** An element, entry or field of a value; as large as the whole when nothing better is known. */
const itemOf = (shape: Shape): Shape => shape.item ?? { len: weight(shape) };

function larger(a: Shape | undefined, b: Shape | undefined): Shape | undefined {
  if (!a || !b) return a ?? b;
  const item = larger(a.item, b.item);
  return item ? { len: Math.max(a.len, b.len), item } : { len: Math.max(a.len, b.len) };
}

/** The shape of a record whose fields have these shapes. */
function record(fields: Shape[]): Shape {
  const item = fields.reduce<Shape | undefined>(larger, undefined);
  return item ? { len: fields.length, item } : { len: fields.length };
}

function answersShape(schema: AnswerSchema): Shape {
  return record(schema.steps.map((step) => record(step.sets.map((set) => KIND_SHAPES[set.kind]))));
}

/** `answers.step.set` (and a file's field) as the schema knows it; null for any other node. */
function answerShape(node: ASTNode, scope: Scope, schema: AnswerSchema): Shape | null {
  const path = selectPath(node);
  if (path?.[0] !== 'answers' || scope.has('answers')) return null;
  const step = schema.steps.find((candidate) => candidate.key === path[1]);
  if (step && path.length === 2) return record(step.sets.map((set) => KIND_SHAPES[set.kind]));
  const set = step?.sets.find((candidate) => candidate.key === path[2]);
  if (!set) return null;
  return path.length === 3 ? KIND_SHAPES[set.kind] : itemOf(KIND_SHAPES[set.kind]);
}

type Select = Extract<ASTNode, { op: '.' | '.?' | '[]' | '[?]' }>;
type Aggregate = Extract<ASTNode, { op: 'list' | 'map' }>;

class CostEstimator {
  /** The first `matches()` call: a JavaScript RegExp has no bound at all (see costProblem). */
  regex: ASTNode | null = null;

  private readonly variables: Scope;

  constructor(private readonly schema: AnswerSchema) {
    this.variables = new Map([
      ['answers', answersShape(schema)],
      ['price', SCALAR],
      ['session', SESSION],
    ]);
  }

  estimate(node: ASTNode, scope: Scope): Estimate {
    switch (node.op) {
      case 'value': {
        const value = node.args;
        const len = typeof value === 'string' || value instanceof Uint8Array ? value.length : 1;
        return { cost: 1, shape: { len } };
      }
      case 'id':
        return { cost: 1, shape: scope.get(node.args) ?? this.variables.get(node.args) ?? SCALAR };
      case '.':
      case '.?':
      case '[]':
      case '[?]':
        return this.select(node, scope);
      case 'list':
      case 'map':
        return this.aggregate(node, scope);
      case '?:': {
        const [test, yes, no] = node.args.map((child) => this.estimate(child, scope));
        const shape = larger(yes.shape, no.shape)!;
        return { cost: test.cost + yes.cost + no.cost + 1, shape };
      }
      case 'call':
        return this.call(node.args[0], null, node.args[1], scope, node);
      case 'rcall':
        return this.call(node.args[0], node.args[1], node.args[2], scope, node);
      case '!_':
      case '-_':
        return { cost: this.estimate(node.args, scope).cost + 1, shape: SCALAR };
      default:
        return this.operator(
          node.op,
          node.args.map((child) => this.estimate(child, scope)),
        );
    }
  }

  /** A field or an index: what the schema says of an answer, else an item of the whole. */
  private select(node: Select, scope: Scope): Estimate {
    const base = this.estimate(node.args[0], scope);
    const index = typeof node.args[1] === 'string' ? 0 : this.estimate(node.args[1], scope).cost;
    const shape = answerShape(node, scope, this.schema) ?? itemOf(base.shape);
    return { cost: base.cost + index + 1, shape };
  }

  private aggregate(node: Aggregate, scope: Scope): Estimate {
    const children = node.op === 'list' ? node.args : node.args.flat();
    const parts = children.map((child) => this.estimate(child, scope));
    const item = parts.map((part) => part.shape).reduce<Shape | undefined>(larger, undefined);
    const len = node.args.length;
    const cost = parts.reduce((sum, part) => sum + part.cost, 1 + len);
    return { cost, shape: item ? { len, item } : { len } };
  }

  private operator(op: string, [a, b]: Estimate[]): Estimate {
    const cost = a.cost + b.cost + 1;
    if (op === '+') {
      const shape = larger({ len: a.shape.len + b.shape.len }, larger(a.shape, b.shape))!;
      return { cost: cost + total([a.shape, b.shape]), shape };
    }
    // `in` compares with each item; a comparison stops at the end of the shorter side.
    if (op === 'in') {
      const each = 1 + Math.min(weight(a.shape), weight(itemOf(b.shape))) / READ_PER_STEP;
      return { cost: cost + b.shape.len * each, shape: SCALAR };
    }
    if (COMPARISONS.has(op))
      return { cost: cost + Math.min(reading(a.shape), reading(b.shape)), shape: SCALAR };
    return { cost, shape: SCALAR };
  }

  private call(
    name: string,
    receiver: ASTNode | null,
    args: ASTNode[],
    scope: Scope,
    node: ASTNode,
  ): Estimate {
    const macro = this.macro(name, receiver, args, scope);
    if (macro) return macro;
    if (name === 'matches') this.regex ??= node;
    const parts = [receiver, ...args].flatMap((part) => (part ? [this.estimate(part, scope)] : []));
    const cost = parts.reduce((sum, part) => sum + part.cost, 1);
    const shapes = parts.map((part) => part.shape);
    const [first = SCALAR, second = SCALAR] = shapes;
    if (name === 'matches') return { cost: Infinity, shape: SCALAR };
    if (name === 'dyn') return { cost, shape: first };
    if (name === 'type') return { cost, shape: SCALAR };
    // size() counts code points one at a time (measured: 0.3 ms for 10,000 characters).
    if (name === 'size') return { cost: cost + first.len, shape: SCALAR };
    if (READERS.has(name)) return { cost: cost + reading(...shapes), shape: SCALAR };
    // A substring search can compare the whole needle at every place (measured: 3 ms for a
    // 900-character needle in 10,000 characters).
    if (SEARCHES.has(name))
      return { cost: cost + (weight(first) * weight(second)) / READ_PER_STEP, shape: SCALAR };
    if (name === 'split')
      return { cost: cost + total(shapes), shape: { len: first.len + 1, item: first } };
    if (name === 'join') {
      const len = weight(first) + first.len * (shapes.length > 1 ? weight(second) : 0);
      return { cost: cost + len, shape: { len } };
    }
    // Anything else (lowerAscii, substring, string(), bytes(), json() …) may build all it is given.
    return { cost: cost + total(shapes), shape: { len: total(shapes) } };
  }

  /** Comprehensions run their body once per item; `has` reads a path; `cel.bind` names a value. */
  private macro(name: string, receiver: ASTNode | null, args: ASTNode[], scope: Scope) {
    const variable = args[0]?.op === 'id' ? args[0].args : null;
    if (name === 'has' && !receiver)
      return { cost: this.estimate(args[0], scope).cost, shape: SCALAR };
    if (variable === null) return null;
    if (name === 'bind' && receiver?.op === 'id' && receiver.args === 'cel' && args.length === 3) {
      const value = this.estimate(args[1], scope);
      const body = this.estimate(args[2], new Map(scope).set(variable, value.shape));
      return { cost: value.cost + body.cost, shape: body.shape };
    }
    if (!receiver || !COMPREHENSIONS.has(name)) return null;
    const range = this.estimate(receiver, scope);
    const inner = new Map(scope).set(variable, itemOf(range.shape));
    const body = args.slice(1).map((arg) => this.estimate(arg, inner));
    const cost = range.cost + range.shape.len * body.reduce((total, e) => total + e.cost, 1);
    if (name === 'map') return { cost, shape: { len: range.shape.len, item: body.at(-1)!.shape } };
    if (name === 'filter') return { cost, shape: range.shape };
    return { cost, shape: SCALAR };
  }
}

/** The estimated cost of evaluating `ast`, and the first `matches()` call in it, if any. */
export function estimateCost(
  ast: ASTNode,
  schema: AnswerSchema,
): { cost: number; regex: ASTNode | null } {
  const estimator = new CostEstimator(schema);
  const { cost } = estimator.estimate(ast, new Map());
  return { cost, regex: estimator.regex };
}

import { SelectionType } from '../../src/entities/enums';
import {
  checkCondition,
  conditionContext,
  evaluateCondition,
  MAX_CONDITION_LENGTH,
  MAX_CONDITION_NESTING,
  type ConditionInput,
  type ConditionProblemCode,
} from '../../src/rules';
import { wizardModelFromDefinition } from '../helpers/wizard-model';

/**
 * Hostile conditions and hostile answers: every payload is refused with a problem code, or it
 * compiles and evaluates to a boolean without throwing, and nothing reaches a built-in prototype.
 * Payloads that would take long (nested loops, blown-up strings, regular expressions) must be
 * refused when checked; no test here measures time.
 */

/** One step with a set of every kind, one with a choice set, one whose keys are JS property names. */
const model = wizardModelFromDefinition({
  key: 'fuzz',
  name: 'Fuzz',
  steps: [
    {
      key: 's',
      name: 'S',
      optionSets: [
        { key: 'pick', name: 'Pick', options: [{ key: 'a', label: 'A' }] },
        { key: 'many', name: 'Many', selectionType: SelectionType.MULTIPLE, options: [] },
        { key: 'text', name: 'Text', selectionType: SelectionType.TEXT_INPUT, options: [] },
        { key: 'day', name: 'Day', selectionType: SelectionType.DATE_PICKER, options: [] },
        { key: 'file', name: 'File', selectionType: SelectionType.FILE_UPLOAD, options: [] },
      ],
    },
    { key: 'later', name: 'Later', optionSets: [{ key: 'choice', name: 'C', options: [] }] },
    {
      key: 'constructor',
      name: 'Constructor',
      optionSets: [
        { key: 'prototype', name: 'P', options: [{ key: 'tostring', label: 'T' }] },
        { key: 'valueof', name: 'V', selectionType: SelectionType.TEXT_INPUT, options: [] },
      ],
    },
  ],
});

/** The longest text answer the runtime accepts (MAX_TEXT_LENGTH). */
const MAX_TEXT = 10_000;
const longKeys = Array.from({ length: 200 }, (_, i) => `${'k'.repeat(97)}${i}`.padEnd(100, '0'));
const hostileJson =
  '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": 1}}}';

/** Answer data an attacker controls: property names, JSON, the longest texts, odd characters. */
const inputs: [string, ConditionInput][] = [
  ['no answers', {}],
  [
    'property names as answers',
    {
      answers: {
        s: {
          pick: ['__proto__'],
          many: ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'],
          text: '__proto__',
          day: 'constructor',
          file: { name: '__proto__', mimeType: 'constructor', bytes: 0 },
        },
        constructor: { prototype: ['constructor'], valueof: 'prototype' },
      },
    },
  ],
  ['JSON with __proto__ keys', { answers: { s: { text: hostileJson, day: hostileJson } } }],
  [
    'the longest texts and choice lists',
    {
      answers: {
        s: {
          text: `${'a'.repeat(MAX_TEXT - 1)}!`,
          day: 'a'.repeat(MAX_TEXT),
          many: longKeys,
          file: { name: 'n'.repeat(255), mimeType: 'm'.repeat(MAX_TEXT), bytes: 2 ** 53 - 1 },
        },
        later: { choice: longKeys },
      },
      price: '99999999.99',
      session: { stepsCompleted: Number.MAX_SAFE_INTEGER, isGuest: true },
    },
  ],
  [
    'NUL bytes, lone surrogates, astral and right-to-left characters',
    {
      answers: {
        s: {
          text: '\u0000\ud800\u202e😀'.repeat(MAX_TEXT / 5),
          day: '\u0000',
          many: ['\u0000', '\ud800', '😀'],
        },
      },
    },
  ],
  [
    '__proto__ and constructor as keys of the answers',
    {
      answers: JSON.parse(
        '{"__proto__": {"s": {"text": "polluted"}}, "constructor": {"__proto__": "x", ' +
          '"prototype": ["tostring"]}, "s": {"__proto__": {"text": "x"}, "text": "ok"}}',
      ) as ConditionInput['answers'],
    },
  ],
];
const contexts = inputs.map(([, input]) => conditionContext(model, input));

const list = (length: number, item = '0') => `[${Array.from({ length }, () => item).join(',')}]`;
const map = (entries: number) => Array.from({ length: entries }, (_, i) => `${i}:0`).join(',');
const ten = '[0,1,2,3,4,5,6,7,8,9]';
/** The expression with the largest `n` (plus `extra`) within MAX_CONDITION_LENGTH. */
function longest(make: (n: number) => string, extra = 0): string {
  let n = 1;
  while (make(n + 1).length <= MAX_CONDITION_LENGTH) n++;
  return make(n + extra);
}
/** `ten.<macro>(v1, ten.<macro>(v2, … leaf))`, `levels` deep. */
function comprehensions(macro: string, levels: number, leaf: string): string {
  let expression = leaf;
  for (let level = levels; level >= 1; level--)
    expression = `${ten}.${macro}(v${level}, ${expression})`;
  return expression;
}
/** `ten.filter(v1, ten.filter(v2, true).size() > 0).size() > 0`, `levels` deep. */
function filters(levels: number): string {
  let expression = 'true';
  for (let level = levels; level >= 1; level--)
    expression = `${ten}.filter(v${level}, ${expression}).size() > 0`;
  return expression;
}
/** `cel.bind(t1, cel.bind(t0, seed, t0 + t0), t1 + t1)`…: the value doubles at every level. */
function doubling(seed: string, levels: number): string {
  let expression = seed;
  for (let level = 0; level < levels; level++)
    expression = `cel.bind(t${level}, ${expression}, t${level} + t${level})`;
  return `size(${expression}) > 0`;
}
const nest = (open: string, inner: string, close: string, depth: number) =>
  `${open.repeat(depth)}${inner}${close.repeat(depth)}`;
const T = 'answers.s.text';

/** What checkCondition says: a problem code, or null when the payload compiles. */
type Outcome = ConditionProblemCode | null;

const payloads: [string, string, Outcome][] = [
  // Prototype pollution and sandbox escapes: reserved, unknown, or a missing key when evaluated.
  ['a bare __proto__', '__proto__', 'SYNTAX'],
  ['answers.__proto__', 'answers.__proto__', 'UNKNOWN_STEP'],
  ['answers["__proto__"]', 'answers["__proto__"]', 'UNKNOWN_STEP'],
  ['a set named __proto__', 'answers.s.__proto__ == null', 'UNKNOWN_SET'],
  ['a session field named __proto__', 'session.__proto__ == null', 'UNKNOWN_FIELD'],
  ['a file field named constructor', 'answers.s.file.constructor == null', 'UNKNOWN_FIELD'],
  ['constructor.constructor', 'constructor.constructor("return process")()', 'SYNTAX'],
  ['a step named constructor', 'answers.constructor.constructor("return this")()', 'SYNTAX'],
  ['a set named constructor', 'answers.constructor.constructor == null', 'UNKNOWN_SET'],
  ['"".constructor', '"".constructor', 'TYPE'],
  ['"".constructor.constructor', '"".constructor.constructor("return 1")() == 1', 'SYNTAX'],
  ['this', 'this', 'TYPE'],
  ['process', 'process', 'TYPE'],
  ['process.env', 'process.env.HOME == ""', 'TYPE'],
  ['globalThis', 'globalThis', 'TYPE'],
  ['require("fs")', 'require("fs")', 'TYPE'],
  ['import("fs")', 'import("fs")', 'SYNTAX'],
  ['eval', 'eval("1") == 1', 'TYPE'],
  ['Function', 'Function("return process")() == null', 'SYNTAX'],
  ['an assignment', '{}.__proto__.polluted = 1', 'SYNTAX'],
  ['an assignment through answers', 'answers.s.text = "x"', 'SYNTAX'],
  ['__proto__ of an empty map', '{}.__proto__.polluted == 1', 'TYPE'],
  ['__proto__ as a loop variable', '[1].exists(__proto__, __proto__ == 1)', 'SYNTAX'],
  ['__proto__ bound by cel.bind', 'cel.bind(__proto__, 1, __proto__ == 1)', 'SYNTAX'],
  ['constructor as a loop variable', '[1].exists(constructor, constructor == 1)', null],
  ['the step named constructor', "'tostring' in answers.constructor.prototype", null],
  ['has() on __proto__', 'has(answers.s.__proto__)', null],
  ['has() on constructor', 'has(answers.constructor.valueof)', null],
  // dyn() switches type checking off; the evaluator still finds no inherited property.
  ['dyn({}).__proto__', 'dyn({}).__proto__ == null', null],
  ['dyn(answers)["__proto__"]', 'dyn(answers)["__proto__"] == null', null],
  ['dyn(answers).constructor', 'dyn(answers).constructor == null', null],
  ['dyn(answers.s).hasOwnProperty', 'dyn(answers.s).hasOwnProperty == null', null],
  ['dyn(answers.s.file).constructor', 'dyn(answers.s.file).constructor == null', null],
  ['dyn(session)["__proto__"]', 'dyn(session)["__proto__"] == null', null],
  ['dyn(price).constructor', 'dyn(price).constructor == null', null],
  ['dyn([]).constructor', 'dyn([]).constructor == null', null],
  ['dyn("abc").length', 'dyn("abc").length == 3', null],
  ['dyn(answers.s.text)["constructor"]', 'dyn(answers.s.text)["constructor"] == null', null],
  ['dyn(dyn).constructor', 'dyn(dyn).constructor == null', 'TYPE'],
  ['type(answers)', 'type(answers) == type(answers)', null],
  ['type(type(1))', 'type(type(1)) == type', null],
  ['type(1).constructor', 'type(1).constructor == null', null],
  ['type(answers).__proto__', 'type(answers).__proto__ == null', null],
  ['type of a bound function', 'type(size) == type', 'TYPE'],
  // cel-js 8.0.0's checker throws on operands of unknown type; the check reports it instead.
  ['adding items of an empty list', '[][0] + [][0] == 1', 'TYPE'],
  ['comparing items of an empty list', '[][0] < [][0]', 'TYPE'],
  // Map literals and JSON with __proto__ keys stay own keys of a fresh object.
  ['a map literal with __proto__', '{"__proto__": {"polluted": true}} == {}', null],
  [
    'reading __proto__ of a map literal',
    '{"__proto__": {"polluted": true}}["__proto__"]["polluted"]',
    null,
  ],
  [
    'a map literal with constructor.prototype',
    '{"constructor": {"prototype": {"polluted": true}}}.constructor.prototype.polluted',
    null,
  ],
  [
    'a map literal through dyn',
    'dyn({"__proto__": {"polluted": true}})["__proto__"]["polluted"] == true',
    null,
  ],
  [
    'JSON with __proto__ from a literal',
    `bytes('${hostileJson}').json()["__proto__"]["polluted"] == true`,
    null,
  ],
  ['JSON with __proto__ from an answer', `bytes(${T}).json().__proto__.polluted == true`, null],
  [
    'JSON constructor.prototype from an answer',
    `bytes(${T}).json().constructor.prototype.polluted == 1`,
    null,
  ],
  // Sizes and nesting at and just over the limits.
  ['the longest list literal', longest((n) => `size(${list(n)}) > 0`), null],
  ['a list literal one element too long', longest((n) => `size(${list(n)}) > 0`, 1), 'TOO_LONG'],
  ['the longest map literal', longest((n) => `size({${map(n)}}) > 0`), null],
  ['the longest list of strings', longest((n) => `size(${list(n, "'__proto__'")}) > 0`), null],
  [
    'a string literal as long as allowed',
    `${T} == '${'x'.repeat(MAX_CONDITION_LENGTH - 20)}'`,
    null,
  ],
  ['a very long identifier', 'x'.repeat(MAX_CONDITION_LENGTH), 'TYPE'],
  [
    'a very long step key',
    `answers.${'x'.repeat(MAX_CONDITION_LENGTH - 20)}.y == []`,
    'UNKNOWN_STEP',
  ],
  // has() does not check its path (a trait of the library): the answer is simply absent.
  [
    'has() of a very long step key',
    `has(answers.${'x'.repeat(MAX_CONDITION_LENGTH - 20)}.y)`,
    null,
  ],
  ['an identifier over the length limit', 'x'.repeat(MAX_CONDITION_LENGTH + 1), 'TOO_LONG'],
  ['100,000 open parentheses', '('.repeat(100_000), 'TOO_LONG'],
  ['31 parentheses', nest('(', 'true', ')', 31), null],
  ['32 parentheses', nest('(', 'true', ')', 32), 'TOO_DEEP'],
  ['31 nested lists', `${nest('[', '1', ']', 31)} == []`, null],
  ['32 nested lists', `${nest('[', '1', ']', 32)} == []`, 'TOO_DEEP'],
  ['31 nested maps', `${nest('{"k": ', '1', '}', 31)} == {}`, null],
  ['32 nested maps', `${nest('{"k": ', '1', '}', 32)} == {}`, 'TOO_DEEP'],
  ['31 nested calls', `${nest('string(', '1', ')', 31)} == ""`, null],
  ['32 nested calls', `${nest('string(', '1', ')', 32)} == ""`, 'TOO_DEEP'],
  ['31 nested ternaries', nest('true ? ', 'true', ' : false', 31), null],
  ['32 nested ternaries', nest('true ? ', 'true', ' : false', 32), 'TOO_DEEP'],
  ['31 member selections', `dyn(answers)${'.x'.repeat(31)} == 1`, null],
  ['32 member selections', `dyn(answers)${'.x'.repeat(32)} == 1`, 'TOO_DEEP'],
  ['30 indexes', `dyn(answers)${'[0]'.repeat(30)} == 1`, null],
  ['31 indexes', `dyn(answers)${'[0]'.repeat(31)} == 1`, 'TOO_DEEP'],
  ['32 negations', `${'!'.repeat(MAX_CONDITION_NESTING)}true`, null],
  ['33 negations', `${'!'.repeat(MAX_CONDITION_NESTING + 1)}true`, 'TOO_DEEP'],
  ['32 minus signs', `${'-'.repeat(MAX_CONDITION_NESTING)}1.0 < price`, null],
  ['33 spaced minus signs', `${'- '.repeat(MAX_CONDITION_NESTING + 1)}1.0 < price`, 'TOO_DEEP'],
  ['990 negations', `${'!'.repeat(990)}true`, 'TOO_DEEP'],
  ['negations inside a string', `${T} == '${'!'.repeat(900)}'`, null],
  ['a chain of 480 additions', `${Array.from({ length: 480 }, () => '1').join('+')} > 3`, null],
  ['a chain of 166 disjunctions', Array.from({ length: 166 }, () => 'true').join('||'), null],
  // Work that multiplies: nested comprehensions over list literals.
  ['3 nested maps', `size(${comprehensions('map', 3, '0')}) > 0`, null],
  ['5 nested maps', `size(${comprehensions('map', 5, '0')}) > 0`, null],
  ['6 nested maps', `size(${comprehensions('map', 6, '0')}) > 0`, 'TOO_COSTLY'],
  ['7 nested maps', `size(${comprehensions('map', 7, '0')}) > 0`, 'TOO_COSTLY'],
  ['6 nested filters', filters(6), 'TOO_COSTLY'],
  ['6 nested exists', comprehensions('exists', 6, 'false'), 'TOO_COSTLY'],
  ['6 nested all', comprehensions('all', 6, 'true'), 'TOO_COSTLY'],
  ['6 nested exists_one', comprehensions('exists_one', 6, 'true'), 'TOO_COSTLY'],
  ['4 nested exists', comprehensions('exists', 4, 'false'), null],
  [
    'two loops over 200-element literals',
    `${list(200)}.exists(a, ${list(200)}.exists(b, a + b == 1))`,
    null,
  ],
  [
    'three loops over 100-element literals',
    `${list(100)}.exists(a, ${list(100)}.exists(b, ${list(100)}.exists(c, a == b + c + 1)))`,
    'TOO_COSTLY',
  ],
  [
    'filter, map and all over nested literals',
    `${ten}.filter(a, ${ten}.all(b, ${ten}.map(c, [${ten}.exists(d, ${ten}.exists_one(e, a + b + c + d == e))]).size() > 0)).size() == 0`,
    'TOO_COSTLY',
  ],
  // Work that multiplies with the answers: split, nested loops over choices, long text.
  ['one loop over split words', `${T}.split(',').exists(w, w == 'x')`, null],
  [
    'split inside a loop over split',
    `${T}.split('').exists(a, ${T}.split('').exists(b, a + b == 'x!'))`,
    'TOO_COSTLY',
  ],
  ['a search per character', `${T}.split('').exists(a, ${T}.contains(a + 'zz'))`, 'TOO_COSTLY'],
  ['text copied per character', `size(${T}.split('').map(a, ${T}).join()) > 0`, 'TOO_COSTLY'],
  ['text repeated by join', `size(${list(100)}.map(x, ${T}).join()) > 0`, 'TOO_COSTLY'],
  ['one loop over choices', "answers.s.many.exists(k, k.startsWith('gaming'))", null],
  ['choices within choices', 'answers.s.many.all(a, a in answers.later.choice)', null],
  [
    'three loops over choices',
    "answers.s.many.exists(a, answers.s.many.exists(b, answers.s.many.exists(c, a + b + c == 'x')))",
    'TOO_COSTLY',
  ],
  ['a text doubled 4 times', doubling(T, 4), null],
  ['a text doubled 6 times', doubling(T, 6), 'TOO_COSTLY'],
  ['a text doubled 14 times', doubling(T, 14), 'TOO_COSTLY'],
  ['a short string doubled 14 times', doubling(`'${'x'.repeat(10)}'`, 14), null],
  ['a long string doubled 14 times', doubling(`'${'x'.repeat(100)}'`, 14), 'TOO_COSTLY'],
  ['a short list doubled 14 times', doubling(ten, 14), null],
  ['a long list doubled 14 times', doubling(list(100), 14), 'TOO_COSTLY'],
  ['a list doubled 15 times', doubling(ten, 15), 'TOO_DEEP'],
  ['the text added up 8 times', `size(${Array(8).fill(T).join(' + ')}) > 0`, null],
  // Regular expressions: JavaScript's have no time bound, so matches() is refused.
  ['a nested quantifier', `${T}.matches('^(a+)+$')`, 'TOO_COSTLY'],
  ['an ambiguous alternation', `${T}.matches('^(a|aa)*$')`, 'TOO_COSTLY'],
  ['a repeated wildcard group', `${T}.matches('(.*a){12}$')`, 'TOO_COSTLY'],
  ['quantifiers in a row', `${T}.matches('a*a*a*a*a*a*b')`, 'TOO_COSTLY'],
  ['a pattern from an answer', `${T}.matches(answers.s.day)`, 'TOO_COSTLY'],
  ['a harmless pattern', "'abc'.matches('^a')", 'TOO_COSTLY'],
  ['matches as a function', `matches(${T}, 'a')`, 'TYPE'],
  // Characters: unicode look-alikes, invisible and control characters, NUL bytes, escapes.
  ['a Cyrillic a in answers', '\u0430nswers.s.text == ""', 'SYNTAX'],
  ['a zero-width space in a name', 'answers\u200b.s.text == ""', 'SYNTAX'],
  ['a right-to-left override in a string', `${T} == '\u202eexe.txt'`, null],
  ['a NUL byte in the code', 'price > 1.0\u0000', 'SYNTAX'],
  ['a NUL byte in a string', `${T} == 'a\u0000b'`, null],
  ['an escaped NUL', `${T} == "\\u0000"`, null],
  ['a lone surrogate escape', `${T} == "\\ud800"`, 'SYNTAX'],
  ['the largest code point', `${T}.contains("\\U0010FFFF")`, null],
  ['a code point past the largest', `${T}.contains("\\U00110000")`, 'SYNTAX'],
  ['an astral character', "'😀'.size() == 1", null],
  ['a byte that is no UTF-8', 'string(b"\\xff") == ""', null],
  ['an invalid escape', `${T} == "\\x"`, 'SYNTAX'],
  ['an octal escape', `${T} == "\\0"`, 'SYNTAX'],
  ['a line break in a string', `${T} == 'a\nb'`, 'SYNTAX'],
  ['a triple-quoted string with breaks', `${T} == '''a\n\u0000\nb'''`, null],
  // Numbers: overflow, division by zero, conversions.
  ['an int literal past 64 bits', '99999999999999999999 > 1', null],
  ['the smallest int', '-9223372036854775808 < 0', null],
  ['an int overflow', '9223372036854775807 + 1 > 0', null],
  ['a division by zero', '1 / 0 == 1', null],
  ['a double literal past the largest', '1e309 > price', 'SYNTAX'],
  ['a double overflow', '1.7e308 * 10.0 > price', null],
  ['an int from a text', `int(${T}) > 0`, null],
  ['a timestamp from a text', `timestamp(${T}) > timestamp(0)`, null],
  // Empty conditions.
  ['an empty condition', '', 'EMPTY'],
  ['only whitespace', ' \n\t ', 'EMPTY'],
];

const builtIns = [Object, Array, Function, String, Number, Boolean, Map, Set, Promise, RegExp];
const prototypeKeys = () =>
  builtIns.map((builtIn) => Reflect.ownKeys(builtIn.prototype as object).length);
const keysBefore = prototypeKeys();

function expectNoPollution(): void {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(([] as unknown as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  expect(prototypeKeys()).toEqual(keysBefore);
}

/** Evaluates against every hostile context; returns the results, failing on a throw. */
function evaluateEverywhere(expression: string): boolean[] {
  return contexts.map((context) => {
    const errors: Error[] = [];
    const holds = evaluateCondition(expression, context, (error) => errors.push(error));
    expect(typeof holds).toBe('boolean');
    for (const error of errors) expect(error).toBeInstanceOf(Error);
    return holds;
  });
}

describe('conditions under attack', () => {
  const rows = payloads.map(([name, expression, outcome]) => {
    const verdict = outcome ? `refused as ${outcome}` : 'compiles and evaluates harmlessly';
    return { name, expression, outcome, verdict };
  });
  it.each(rows)('$name: $verdict', ({ expression, outcome }) => {
    const problems = checkCondition(expression, model);
    expect(problems.map((problem) => problem.code)).toEqual(outcome ? [outcome] : []);
    for (const problem of problems) expect(problem.message).toEqual(expect.any(String));
    const results = evaluateEverywhere(expression);
    if (outcome) expect(results).not.toContain(true);
    expectNoPollution();
  });

  it('reads JSON __proto__ keys as plain data', () => {
    const [, , json] = contexts;
    expect(evaluateCondition(`bytes(${T}).json()["__proto__"]["polluted"] == true`, json)).toBe(
      true,
    );
    expect(evaluateCondition(`bytes(${T}).json().polluted == true`, json)).toBe(false);
    expectNoPollution();
  });

  it('finds no inherited property of the answers, however it is reached', () => {
    for (const expression of [
      'dyn(answers).hasOwnProperty == null',
      'dyn(answers.s)["__proto__"] == null',
      'dyn(answers.s.text).length == 9',
    ]) {
      const errors: Error[] = [];
      expect(evaluateCondition(expression, contexts[1], (error) => errors.push(error))).toBe(false);
      expect(errors.map((error) => error.message)).toEqual([
        expect.stringContaining('No such key'),
      ]);
    }
  });
});

/** mulberry32: a tiny seeded generator, so every run tries the same expressions. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOKENS = [
  ...['answers', 'price', 'session', 's', 'pick', 'many', 'text', 'day', 'file', 'later'],
  ...['__proto__', 'constructor', 'prototype', 'valueof', 'this', 'process', 'cel', 'bind'],
  ...['dyn', 'type', 'size', 'has', 'exists', 'all', 'map', 'filter', 'exists_one', 'matches'],
  ...['split', 'join', 'contains', 'json', 'bytes', 'int', 'string', 'x', 'v'],
  ...["''", "'__proto__'", '"constructor"', "'\u0000'", "'😀'", '1', '0', '-1', '1.5', '1u'],
  ...['true', 'false', 'null', "b'x'", '1e309', '+', '-', '*', '/', '%', '==', '!=', '<', '>='],
  ...['&&', '||', '!', '?', ':', 'in', '.', ',', '(', ')', '[', ']', '{', '}', ' ', '\u0000'],
];

type Kind = 'bool' | 'int' | 'string' | 'list';

/**
 * A random expression of the kind asked for, most of them well-typed: answers, hostile names and
 * literals, loops, dyn() and type() tricks. `v` is a string inside loops.
 */
function expressionOf(kind: Kind, depth: number, next: () => number, inLoop = false): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const sub = (subKind: Kind, loop = inLoop) => expressionOf(subKind, depth - 1, next, loop);
  const leaves: Record<Kind, string[]> = {
    bool: ['true', 'session.isGuest', `has(${T})`, 'has(answers.constructor.valueof)'],
    int: ['0', '-1', '9223372036854775807', 'session.stepsCompleted', 'answers.s.file.bytes'],
    string: [T, 'answers.s.day', "'__proto__'", '"constructor"', "'\u0000'", "'😀'", "''"],
    list: ['answers.s.many', 'answers.s.pick', 'answers.constructor.prototype', '[]'],
  };
  if (inLoop) leaves.string.push('v');
  if (depth <= 0 || next() < 0.25) return pick(leaves[kind]);
  const any = () => sub(pick<Kind>(['bool', 'int', 'string', 'list']));
  const loop = () => pick(['exists', 'all', 'exists_one']);
  const rules: Record<Kind, (() => string)[]> = {
    bool: [
      () => `${sub('int')} ${pick(['<', '>=', '==', '!='])} ${sub('int')}`,
      () => `${sub('string')} ${pick(['==', '<', 'in'])} ${pick([sub('string'), sub('list')])}`,
      () => `${sub('string')} in ${sub('list')}`,
      () => `${pick(['!', ''])}(${sub('bool')}) ${pick(['&&', '||'])} ${sub('bool')}`,
      () => `${sub('bool')} ? ${sub('bool')} : ${sub('bool')}`,
      () => `${sub('list')}.${loop()}(v, ${sub('bool', true)})`,
      () =>
        `${sub('string')}.${pick(['startsWith', 'endsWith', 'contains', 'matches'])}(${sub('string')})`,
      () => `dyn(${any()}).${pick(['__proto__', 'constructor', 'prototype', 'length'])} == null`,
      () => `dyn(${any()})[${pick(['"__proto__"', "'constructor'", '0', 'v'])}] == ${any()}`,
      () => `type(${any()}) == type(${any()})`,
      () => `cel.bind(v, ${sub('string')}, ${sub('bool', true)})`,
    ],
    int: [
      () => `size(${pick([sub('string'), sub('list')])})`,
      () => `${sub('int')} ${pick(['+', '-', '*', '/', '%'])} ${sub('int')}`,
      () => `int(${pick([sub('string'), sub('int')])})`,
      () => `${sub('string')}.indexOf(${sub('string')})`,
    ],
    string: [
      () => `${sub('string')} + ${sub('string')}`,
      () => `${sub('string')}.${pick(['lowerAscii', 'upperAscii', 'trim'])}()`,
      () => `string(${pick([sub('int'), sub('string')])})`,
      () => `${sub('list')}.join(${sub('string')})`,
      () => `${sub('list')}[${sub('int')}]`,
      () => `${sub('bool')} ? ${sub('string')} : ${sub('string')}`,
    ],
    list: [
      () => `[${sub('string')}, ${sub('string')}]`,
      () => `${sub('string')}.split(${sub('string')})`,
      () => `${sub('list')}.filter(v, ${sub('bool', true)})`,
      () => `${sub('list')}.map(v, ${sub('string', true)})`,
      () => `${sub('list')} + ${sub('list')}`,
    ],
  };
  return pick(rules[kind])();
}

/** One character of `text` dropped, doubled or replaced by a token: near misses of the grammar. */
function mutate(text: string, next: () => number): string {
  const at = Math.floor(next() * text.length);
  const token = TOKENS[Math.floor(next() * TOKENS.length)];
  const edits = [text.slice(0, at) + text.slice(at + 1), text.slice(0, at) + text.slice(at - 1)];
  return [...edits, text.slice(0, at) + token + text.slice(at + 1)][Math.floor(next() * 3)];
}

describe('random conditions', () => {
  it('never throw when checked or evaluated, and never pollute', () => {
    const next = random(20_260_501);
    const codes = new Set<string>();
    for (let i = 0; i < 400; i++) {
      const grammatical = expressionOf('bool', 5, next);
      const soup = Array.from(
        { length: 1 + Math.floor(next() * 12) },
        () => TOKENS[Math.floor(next() * TOKENS.length)],
      ).join('');
      const expression = [grammatical, grammatical, mutate(grammatical, next), soup][i % 4];
      const problems = checkCondition(expression, model);
      for (const problem of problems) codes.add(problem.code);
      if (!problems.length) codes.add('compiles');
      evaluateEverywhere(expression);
    }
    // Both sides were reached: many expressions compiled, others were refused in several ways.
    expect([...codes]).toEqual(
      expect.arrayContaining(['compiles', 'SYNTAX', 'TYPE', 'NOT_BOOLEAN', 'TOO_COSTLY']),
    );
    expectNoPollution();
  });
});

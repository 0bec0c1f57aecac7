import type { WizardDefinition } from '../../src/definitions/wizard-definition';
import { SelectionType } from '../../src/entities/enums';
import {
  checkCondition,
  compileCondition,
  ConditionError,
  conditionContext,
  evaluateCondition,
  MAX_CONDITION_LENGTH,
} from '../../src/rules';
import { eventCreation, laptopConfigurator } from '../../src/seed/demo';
import { wizardModelFromDefinition } from '../helpers/wizard-model';

/** One step of every answer kind, and a second step with a choice set. */
const kinds: WizardDefinition = {
  key: 'kinds',
  name: 'Kinds',
  steps: [
    {
      key: 's',
      name: 'S',
      optionSets: [
        {
          key: 'pick',
          name: 'Pick',
          options: [
            { key: 'a', label: 'A' },
            { key: 'b', label: 'B' },
          ],
        },
        { key: 'many', name: 'Many', selectionType: SelectionType.MULTIPLE, options: [] },
        { key: 'text', name: 'Text', selectionType: SelectionType.TEXT_INPUT, options: [] },
        { key: 'day', name: 'Day', selectionType: SelectionType.DATE_PICKER, options: [] },
        { key: 'file', name: 'File', selectionType: SelectionType.FILE_UPLOAD, options: [] },
      ],
    },
    {
      key: 'later',
      name: 'Later',
      optionSets: [{ key: 'choice', name: 'Choice', options: [{ key: 'x', label: 'X' }] }],
    },
  ],
};
const model = wizardModelFromDefinition(kinds);
const codes = (expression: string) => checkCondition(expression, model).map((p) => p.code);
const T = 'answers.s.text';
/** `[0, …, 9].exists(v1, [0, …, 9].exists(v2, …))`, `levels` deep. */
function nested(levels: number): string {
  let expression = 'false';
  for (let level = levels; level > 0; level--)
    expression = `[0,1,2,3,4,5,6,7,8,9].exists(v${level}, ${expression})`;
  return expression;
}
/** `cel.bind(t1, cel.bind(t0, answers.s.text, t0 + t0), t1 + t1)`… : the text doubled `times`. */
function doubled(times: number): string {
  let expression = T;
  for (let time = 0; time < times; time++)
    expression = `cel.bind(t${time}, ${expression}, t${time} + t${time})`;
  return `size(${expression}) > 0`;
}

describe('checkCondition', () => {
  it('accepts both demo conditions against their demo wizards', () => {
    for (const definition of [eventCreation, laptopConfigurator]) {
      const demo = wizardModelFromDefinition(definition);
      const conditions = demo.flowRules.flatMap((rule) => rule.conditionExpression ?? []);
      expect(conditions.length).toBeGreaterThan(0);
      for (const condition of conditions) expect(checkCondition(condition, demo)).toEqual([]);
    }
  });

  it.each([
    "'a' in answers.s.pick",
    "answers.s.many.exists(k, k == 'a') || size(answers.s.many) >= 2",
    "answers.s.text.startsWith('ACME') && answers.s.text.size() < 20",
    "answers.s.day >= '2026-01-01'",
    "has(answers.s.file) && answers.s.file.bytes < 1048576 && answers.s.file.mimeType == 'a/b'",
    'price >= 1500.0 && price < 2000',
    'session.stepsCompleted > 2 && !session.isGuest',
    "answers['s']['pick'] == ['a']",
    "'x' in answers.later.choice ? price > 10.0 : true",
  ])('accepts %s', (expression) => {
    expect(checkCondition(expression, model)).toEqual([]);
  });

  it('names an unknown step and lists the steps there are', () => {
    const [problem] = checkCondition("'a' in answers.nope.pick", model);
    expect(problem).toMatchObject({ code: 'UNKNOWN_STEP', start: expect.any(Number) });
    expect(problem.message).toBe('No step "nope" (steps: s, later).');
  });

  it('names an unknown set of a step and lists its sets', () => {
    const [problem] = checkCondition("'a' in answers.later.pick", model);
    expect(problem.code).toBe('UNKNOWN_SET');
    expect(problem.message).toBe('Step "later" has no set "pick" (its sets: choice).');
    expect(codes("answers['s']['nope'] == []")).toEqual(['UNKNOWN_SET']);
  });

  it('names unknown fields of files and the session', () => {
    expect(checkCondition('answers.s.file.size > 1', model)).toEqual([
      expect.objectContaining({
        code: 'UNKNOWN_FIELD',
        message: 'answers.s.file has no field "size".',
      }),
    ]);
    expect(codes('session.userId == 1')).toEqual(['UNKNOWN_FIELD']);
    expect(codes('user.id == 1')).toEqual(['TYPE']);
  });

  it.each([
    ['answers.s.text > 3', 'string > int'],
    ["price == 'x'", 'double == string'],
    ['price + 1 > 2.0', 'double + int'],
    ["answers.s.pick == 'a'", 'list<string> == string'],
    ['answers.s.file.bytes + 1.5 > 0.0', 'int + double'],
  ])('reports the type error in %s', (expression, types) => {
    const [problem] = checkCondition(expression, model);
    expect(problem.code).toBe('TYPE');
    expect(problem.message).toContain(types);
  });

  it.each(['price', "answers.s.text + '!'", 'answers.s.pick', 'dyn(true)'])(
    'refuses the non-boolean %s',
    (expression) => {
      expect(codes(expression)).toEqual(['NOT_BOOLEAN']);
    },
  );

  it.each(['[][0] + [][0] == 1', '[][0] < [][0]'])(
    'reports operands of unknown type in %s as a type error (the checker throws on them)',
    (expression) => {
      const [problem] = checkCondition(expression, model);
      expect(problem.code).toBe('TYPE');
      expect(problem.message).toContain('operands of unknown type');
    },
  );

  it('reports syntax errors with their place', () => {
    expect(checkCondition('price >', model)).toEqual([
      expect.objectContaining({ code: 'SYNTAX', start: expect.any(Number) }),
    ]);
    expect(codes("'a' in answers.s.pick &&")).toEqual(['SYNTAX']);
    expect(codes('   ')).toEqual(['EMPTY']);
  });

  it('refuses conditions longer than the limit without parsing them', () => {
    const padded = (length: number) => `price >= ${'0'.repeat(length - 12)}1.0`;
    expect(padded(MAX_CONDITION_LENGTH)).toHaveLength(MAX_CONDITION_LENGTH);
    expect(codes(padded(MAX_CONDITION_LENGTH))).toEqual([]);
    expect(codes(padded(MAX_CONDITION_LENGTH + 1))).toEqual(['TOO_LONG']);
    expect(codes('('.repeat(100_000))).toEqual(['TOO_LONG']);
  });

  it.each([
    ['parentheses', (n: number) => `${'('.repeat(n)}true${')'.repeat(n)}`],
    ['lists', (n: number) => `${'['.repeat(n)}1${']'.repeat(n)} == []`],
    ['calls', (n: number) => `${'string('.repeat(n)}1${')'.repeat(n)} == ''`],
    ['negations', (n: number) => `${'!'.repeat(n)}true`],
    ['minus signs', (n: number) => `${'- '.repeat(n)}1.0 > price`],
  ])('accepts 30 nested %s and refuses 40', (_kind, nest) => {
    expect(codes(nest(30))).toEqual([]);
    expect(codes(nest(40))).toEqual(['TOO_DEEP']);
  });

  it('does not count operators inside strings as nesting', () => {
    expect(codes(`answers.s.text == '${'!'.repeat(100)}'`)).toEqual([]);
    expect(codes(`answers.s.text != "${'-'.repeat(100)}"`)).toEqual([]);
  });

  it.each([
    ['six nested loops over ten items', nested(6)],
    [
      'a loop over every character with a search in it',
      `${T}.split('').exists(c, ${T}.contains(c))`,
    ],
    [
      'three nested loops over a choice set',
      "answers.s.many.exists(a, answers.s.many.exists(b, answers.s.many.exists(c, a + b + c == 'x')))",
    ],
    ['an answer doubled six times', doubled(6)],
  ])('refuses %s as too costly', (_what, expression) => {
    const [problem] = checkCondition(expression, model);
    expect(problem.code).toBe('TOO_COSTLY');
    expect(problem.message).toMatch(/^Could take too long to evaluate \(about [\d,]+ steps/);
  });

  it.each([
    nested(4),
    `${T}.split(',').exists(w, w == 'x')`,
    'answers.s.many.all(a, a in answers.later.choice)',
    doubled(4),
  ])('accepts the bounded %s', (expression) => {
    expect(codes(expression)).toEqual([]);
  });

  it('refuses matches(), with its place', () => {
    const expression = `has(${T}) && ${T}.matches('^(a+)+$')`;
    const [problem] = checkCondition(expression, model);
    expect(problem.code).toBe('TOO_COSTLY');
    expect(problem.message).toContain('matches() is not available');
    expect(expression.slice(problem.start, problem.end)).toBe(`${T}.matches('^(a+)+$')`);
    expect(codes("'abc'.matches('^a')")).toEqual(['TOO_COSTLY']);
  });

  it('handles the longest chains the length limit allows', () => {
    const chain = Array.from({ length: 166 }, () => 'true').join('||');
    expect(chain.length).toBeLessThanOrEqual(MAX_CONDITION_LENGTH);
    expect(codes(chain)).toEqual([]);
    expect(evaluateCondition(chain, conditionContext(model))).toBe(true);
    const sum = `${Array.from({ length: 480 }, () => '1').join('+')} > 3`;
    expect(codes(sum)).toEqual([]);
    expect(evaluateCondition(sum, conditionContext(model))).toBe(true);
  });

  it('checks against the wizard it is given', () => {
    const other = wizardModelFromDefinition({ ...kinds, steps: kinds.steps.slice(0, 1) }, 2);
    expect(codes("'x' in answers.later.choice")).toEqual([]);
    expect(checkCondition("'x' in answers.later.choice", other).map((p) => p.code)).toEqual([
      'UNKNOWN_STEP',
    ]);
  });
});

describe('compileCondition', () => {
  it('returns the same compiled condition for the same wizard shape', () => {
    const first = compileCondition("'a' in answers.s.pick", model);
    expect(compileCondition("'a' in answers.s.pick", wizardModelFromDefinition(kinds))).toBe(first);
  });

  it('throws a ConditionError carrying the problems', () => {
    expect(() => compileCondition('price', model)).toThrow(ConditionError);
    try {
      compileCondition('answers.nope', model);
    } catch (error) {
      expect((error as ConditionError).problems.map((p) => p.code)).toEqual(['UNKNOWN_STEP']);
    }
  });
});

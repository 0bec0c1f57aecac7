import { SelectionType } from '../../src/entities/enums';
import {
  compileCondition,
  conditionContext,
  evaluateCondition,
  type ConditionInput,
} from '../../src/rules';
import { eventCreation, laptopConfigurator } from '../../src/seed/demo';
import { wizardModelFromDefinition } from '../helpers/wizard-model';

const model = wizardModelFromDefinition({
  key: 'kinds',
  name: 'Kinds',
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
    { key: 'unvisited', name: 'U', optionSets: [{ key: 'c', name: 'C', options: [] }] },
  ],
});

const holds = (expression: string, input: ConditionInput = {}) =>
  evaluateCondition(expression, conditionContext(model, input));

describe('evaluateCondition', () => {
  it('free events skip ticketing (event_creation)', () => {
    const demo = wizardModelFromDefinition(eventCreation);
    const rule = demo.flowRules.find((r) => r.conditionExpression)!;
    const condition = compileCondition(rule.conditionExpression!, demo);
    const admission = (choice: string[]) =>
      evaluateCondition(
        condition,
        conditionContext(demo, { answers: { basics: { admission: choice } } }),
      );
    expect([admission(['free']), admission(['paid']), admission([])]).toEqual([true, false, false]);
  });

  it('offers a payment plan on personal orders from 1,500.00 (laptop_configurator)', () => {
    const demo = wizardModelFromDefinition(laptopConfigurator);
    const condition = compileCondition(
      demo.flowRules.find((r) => r.conditionExpression)!.conditionExpression!,
      demo,
    );
    const table: [string, number | string, boolean][] = [
      ['everyday', 1499.99, false],
      ['everyday', '1500.00', true],
      ['gaming', 2400, true],
      ['business', 1500, false],
      ['business', 900, false],
    ];
    for (const [use, price, expected] of table) {
      const context = conditionContext(demo, { answers: { usage: { primary_use: [use] } }, price });
      expect({ use, price, holds: evaluateCondition(condition, context) }).toEqual({
        use,
        price,
        holds: expected,
      });
    }
  });

  it.each([
    ['true && true', true],
    ['true && false', false],
    ['false || true', true],
    ['!(price > 1.0)', true],
    ['price > 1.0 ? false : true', true],
  ])('%s is %s', (expression, expected) => {
    expect(holds(expression)).toBe(expected);
  });

  it('reads every answer kind', () => {
    const input: ConditionInput = {
      answers: {
        s: {
          pick: ['a'],
          many: ['x', 'y'],
          text: 'ACME Ltd',
          day: '2026-05-01',
          file: { name: 'id.pdf', mimeType: 'application/pdf', bytes: 2048 },
        },
      },
      price: 10,
      session: { stepsCompleted: 3, isGuest: true },
    };
    for (const expression of [
      "'a' in answers.s.pick",
      "size(answers.s.many) == 2 && answers.s.many.all(k, k in ['x', 'y'])",
      "answers.s.text.startsWith('ACME')",
      "answers.s.day >= '2026-01-01' && answers.s.day < '2027-01-01'",
      "answers.s.file.bytes == 2048 && answers.s.file.mimeType == 'application/pdf'",
      'price == 10.0 && session.stepsCompleted == 3 && session.isGuest',
    ])
      expect({ expression, holds: holds(expression, input) }).toEqual({ expression, holds: true });
  });

  describe('with missing answers', () => {
    it('sees unanswered choice sets and unvisited steps as empty lists', () => {
      expect(holds("'a' in answers.s.pick")).toBe(false);
      expect(holds("!('a' in answers.s.pick)")).toBe(true);
      expect(holds('size(answers.unvisited.c) == 0')).toBe(true);
      expect(holds('has(answers.unvisited.c) && has(answers.s.pick)')).toBe(true);
    });

    it('leaves unanswered value sets absent: has() is false, reading one does not hold', () => {
      expect(holds('has(answers.s.text)')).toBe(false);
      expect(holds('has(answers.s.text)', { answers: { s: { text: '' } } })).toBe(true);
      const errors: Error[] = [];
      const context = conditionContext(model);
      expect(evaluateCondition("answers.s.text == 'x'", context, (e) => errors.push(e))).toBe(
        false,
      );
      expect(evaluateCondition("answers.s.text != 'x'", context)).toBe(false);
      expect(errors).toHaveLength(1);
      expect(errors[0].message).toContain('No such key: text');
    });

    it('lets || and guards absorb the missing value', () => {
      expect(holds("answers.s.text == 'x' || price >= 0.0")).toBe(true);
      expect(holds('has(answers.s.file) && answers.s.file.bytes > 0')).toBe(false);
      expect(holds("!has(answers.s.day) || answers.s.day > '2026-01-01'")).toBe(true);
    });

    it('defaults price and session', () => {
      expect(holds('price == 0.0 && session.stepsCompleted == 0 && !session.isGuest')).toBe(true);
    });
  });

  it('ignores keys the wizard does not have', () => {
    expect(holds('true', { answers: { nope: { x: ['y'] }, s: { nope: 'z' } } })).toBe(true);
  });

  it.each<[string, ConditionInput]>([
    ['a choice that is not a list', { answers: { s: { pick: 'a' } } }],
    ['text that is not a string', { answers: { s: { text: ['a'] } } }],
    ['a file without a size', { answers: { s: { file: 'x.pdf' } } }],
    ['a price that is no number', { price: 'cheap' }],
    ['a negative step count', { session: { stepsCompleted: -1 } }],
  ])('refuses %s in the context', (_what, input) => {
    expect(() => conditionContext(model, input)).toThrow(TypeError);
  });

  it('does not hold for an invalid condition, and says why', () => {
    const errors: Error[] = [];
    expect(evaluateCondition('answers.nope', conditionContext(model), (e) => errors.push(e))).toBe(
      false,
    );
    expect(errors[0]).toMatchObject({ name: 'ConditionError' });
  });

  it('does not throw when the type checker does, and says why', () => {
    const errors: Error[] = [];
    const context = conditionContext(model);
    expect(evaluateCondition('[][0] + [][0] == 1', context, (e) => errors.push(e))).toBe(false);
    expect(errors[0]).toMatchObject({ name: 'ConditionError' });
  });

  it('recompiles a condition compiled for another shape of the wizard', () => {
    const smaller = wizardModelFromDefinition({ key: 'k', name: 'K', steps: [] });
    const condition = compileCondition('price > 1.0', smaller);
    expect(evaluateCondition(condition, conditionContext(model, { price: 2 }))).toBe(true);
  });
  it('reaches keys that are not CEL identifiers by index', () => {
    const odd = wizardModelFromDefinition({
      key: 'odd',
      name: 'Odd',
      steps: [
        { key: 'my-step', name: 'M', optionSets: [{ key: 'my-set', name: 'S', options: [] }] },
      ],
    });
    const context = conditionContext(odd, { answers: { 'my-step': { 'my-set': ['x'] } } });
    expect(evaluateCondition("'x' in answers['my-step']['my-set']", context)).toBe(true);
  });

  it('compares ints with doubles', () => {
    expect(holds('price >= 1500', { price: 1500 })).toBe(true);
    expect(holds('price >= 1500', { price: '1499.99' })).toBe(false);
  });
});

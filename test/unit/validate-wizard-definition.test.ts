import { canonicalDefinition } from '../../src/definitions/canonical-definition';
import {
  DEFINITION_LIMITS,
  MAX_REPORTED_PROBLEMS,
  validateWizardDefinition,
} from '../../src/definitions/validate-wizard-definition';
import { DEMO_WIZARDS } from '../../src/seed/demo';
import { everyFieldWizard } from '../fixtures/every-field-wizard';
import { generateWizard, LARGE_SHAPE } from '../fixtures/generated-wizards';

/** A small valid document: 2 steps × 1 set × 2 options, one dependency, one rule. */
function small(): Record<string, any> {
  return {
    key: 'small-wizard',
    name: 'Small',
    steps: [
      {
        key: 'first',
        name: 'First',
        optionSets: [
          {
            key: 'pick',
            name: 'Pick',
            options: [
              { key: 'a', label: 'A' },
              { key: 'b', label: 'B', price: '1.50' },
            ],
          },
        ],
      },
      {
        key: 'second',
        name: 'Second',
        optionSets: [
          {
            key: 'more',
            name: 'More',
            options: [
              {
                key: 'c',
                label: 'C',
                dependencies: [
                  { type: 'SHOW_IF', on: { step: 'first', set: 'pick', option: 'a' } },
                ],
              },
            ],
          },
        ],
      },
    ],
    flowRules: [{ from: 'first', fromOption: { set: 'pick', option: 'b' }, to: 'second' }],
  };
}

/** The problems' paths of a document changed by `change`. */
function fieldsOf(change: (doc: Record<string, any>) => void): string[] {
  const doc = small();
  change(doc);
  const check = validateWizardDefinition(doc);
  return check.ok ? [] : check.problems.map((problem) => problem.field);
}

const option = (doc: Record<string, any>) => doc.steps[0].optionSets[0].options[1];
const OPTION = 'steps[0].optionSets[0].options[1]';

describe('validateWizardDefinition', () => {
  const valid = [...DEMO_WIZARDS, everyFieldWizard, generateWizard(0, LARGE_SHAPE)];

  it.each(valid.map((d) => [d.key, d] as const))(
    'accepts %s as written and canonical',
    (_key, d) => {
      expect(validateWizardDefinition(JSON.parse(JSON.stringify(d)))).toEqual({
        ok: true,
        definition: expect.anything(),
      });
      expect(validateWizardDefinition(canonicalDefinition(d)).ok).toBe(true);
    },
  );

  it('returns the document itself when it is valid', () => {
    const doc = small();
    expect(validateWizardDefinition(doc)).toEqual({ ok: true, definition: doc });
  });

  it.each([
    ['an array', []],
    ['null', null],
    ['a string', 'wizard'],
    ['nothing', undefined],
  ])('refuses %s as the document', (_case, doc) => {
    expect(validateWizardDefinition(doc)).toEqual({
      ok: false,
      total: 1,
      problems: [{ field: 'definition', message: expect.stringMatching(/object/) }],
    });
  });

  it('refuses a document that cannot be JSON', () => {
    const doc = small();
    doc.steps[0].self = doc;
    expect(validateWizardDefinition(doc)).toMatchObject({
      ok: false,
      problems: [{ field: 'definition' }],
    });
  });

  it('refuses a document over 1 MB before looking inside', () => {
    const doc = small();
    doc.steps = Array.from({ length: 120 }, (_, i) => ({
      key: `s${i}`,
      name: 'S',
      description: 'd'.repeat(9_000),
      helpText: 'h'.repeat(9_000),
      optionSets: [],
      unknown: true,
    }));
    const check = validateWizardDefinition(doc);
    expect(check).toMatchObject({
      ok: false,
      total: 1,
      problems: [
        {
          field: 'definition',
          message: expect.stringContaining(`at most ${DEFINITION_LIMITS.documentBytes} bytes`),
        },
      ],
    });
  });

  it.each([
    ['0', true],
    ['0.5', true],
    ['149.00', true],
    ['99999999.99', true],
    ['-1', false],
    ['1.005', false],
    ['100000000', false],
    ['01.00', false],
    ['1.', false],
    ['.5', false],
    ['1e3', false],
    [' 1', false],
    [5, false],
  ])('takes %p as a price: %p', (price, ok) => {
    expect(fieldsOf((doc) => (option(doc).price = price))).toEqual(ok ? [] : [`${OPTION}.price`]);
  });

  it.each([
    ['a wizard key with "-"', (d: any) => (d.key = 'a-b_c'), []],
    ['a wizard key with capitals', (d: any) => (d.key = 'Wizard'), ['key']],
    [
      'a step key with "-"',
      (d: any) => (d.steps[1].key = 'sec-ond'),
      ['steps[1].key', 'flowRules[0].to'],
    ],
    [
      'a set key starting with a digit',
      (d: any) => (d.steps[1].optionSets[0].key = '1set'),
      ['steps[1].optionSets[0].key'],
    ],
    ['formatVersion 1', (d: any) => (d.formatVersion = 1), []],
    ['formatVersion "1"', (d: any) => (d.formatVersion = '1'), ['formatVersion']],
    ['published: true', (d: any) => (d.published = true), []],
    ['an unknown top-level field', (d: any) => (d.owner = 'me'), ['owner']],
    [
      'an unknown field in a reference',
      (d: any) => (d.steps[1].optionSets[0].options[0].dependencies[0].on.wizard = 'x'),
      ['steps[1].optionSets[0].options[0].dependencies[0].on.wizard'],
    ],
    [
      'a duplicate option key',
      (d: any) => (option(d).key = 'a'),
      [`${OPTION}.key`, 'flowRules[0].fromOption.option'],
    ],
    [
      'maxSelections of 0',
      (d: any) => (d.steps[0].optionSets[0].maxSelections = 0),
      ['steps[0].optionSets[0].maxSelections'],
    ],
    [
      'a fractional priority',
      (d: any) => (d.flowRules[0].priority = 1.5),
      ['flowRules[0].priority'],
    ],
    [
      'a priority beyond INTEGER',
      (d: any) => (d.flowRules[0].priority = 2 ** 31),
      ['flowRules[0].priority'],
    ],
    [
      'an unknown from-step (its fromOption is not checked)',
      (d: any) => (d.flowRules[0].from = 'zero'),
      ['flowRules[0].from'],
    ],
    [
      'a fromOption set the from-step lacks',
      (d: any) => (d.flowRules[0].fromOption.set = 'more'),
      ['flowRules[0].fromOption.set'],
    ],
    [
      'a fromOption without option',
      (d: any) => delete d.flowRules[0].fromOption.option,
      ['flowRules[0].fromOption.option'],
    ],
    [
      'a dependency without "on"',
      (d: any) => delete d.steps[1].optionSets[0].options[0].dependencies[0].on,
      ['steps[1].optionSets[0].options[0].dependencies[0].on'],
    ],
    [
      'options that are not a list',
      (d: any) => (d.steps[0].optionSets[0].options = {}),
      [
        'steps[0].optionSets[0].options',
        'steps[1].optionSets[0].options[0].dependencies[0].on.option',
        'flowRules[0].fromOption.option',
      ],
    ],
    [
      'a step that is not an object',
      (d: any) => (d.steps[1] = 'second'),
      ['steps[1]', 'flowRules[0].to'],
    ],
  ])('checks %s', (_case, change, fields) => {
    expect(fieldsOf(change)).toEqual(fields);
  });

  it.each([
    ['a NUL character', 'a\u0000b', false],
    ['a lone surrogate', 'a\ud800b', false],
    ['200 characters outside the BMP', '🧪'.repeat(200), true],
    ['201 characters outside the BMP', '🧪'.repeat(201), false],
    ['an empty string', '', false],
  ])('checks a label with %s', (_case, label, ok) => {
    expect(fieldsOf((doc) => (option(doc).label = label))).toEqual(ok ? [] : [`${OPTION}.label`]);
  });

  it.each([
    ['nested lists and objects', { a: [1, 'x', null, { b: true }] }, true],
    ['a list', [1, 2], false],
    ['a NUL inside', { a: ['\u0000'] }, false],
    ['a NUL in a name', { 'a\u0000': 1 }, false],
    ['10 levels of nesting', JSON.parse('{"a":'.repeat(10) + '1' + '}'.repeat(10)), true],
    ['11 levels of nesting', JSON.parse('{"a":'.repeat(11) + '1' + '}'.repeat(11)), false],
  ])('checks metadata with %s', (_case, metadata, ok) => {
    expect(fieldsOf((doc) => (option(doc).metadata = metadata))).toEqual(
      ok ? [] : [`${OPTION}.metadata`],
    );
  });

  const SET = 'steps[0].optionSets[0]';
  const set = (doc: Record<string, any>) => doc.steps[0].optionSets[0];
  it.each([
    [
      'rules a choice set cannot take',
      (d: any) => (set(d).validationRules = { maxLength: 3 }),
      [`${SET}.validationRules.maxLength`],
    ],
    [
      'an unsafe pattern',
      (d: any) =>
        d.steps[0].optionSets.push({
          key: 'note',
          name: 'Note',
          selectionType: 'TEXT_INPUT',
          options: [],
          validationRules: { pattern: '(a+)+$' },
        }),
      ['steps[0].optionSets[1].validationRules.pattern'],
    ],
    [
      'options on a TEXT_INPUT set',
      (d: any) => (set(d).selectionType = 'TEXT_INPUT'),
      [`${SET}.options`],
    ],
    [
      'a CONDITIONAL rule without a condition',
      (d: any) => (d.flowRules[0].conditionType = 'CONDITIONAL'),
      ['flowRules[0].condition'],
    ],
    [
      'a condition on a REQUIRED rule',
      (d: any) => (d.flowRules[0].condition = 'price > 1.0'),
      ['flowRules[0].condition'],
    ],
    [
      'a condition naming an unknown step',
      (d: any) =>
        Object.assign(d.flowRules[0], {
          conditionType: 'CONDITIONAL',
          condition: "'a' in answers.nowhere.pick",
        }),
      ['flowRules[0].condition'],
    ],
    [
      'a condition of the wrong type',
      (d: any) =>
        Object.assign(d.flowRules[0], { conditionType: 'CONDITIONAL', condition: 'price' }),
      ['flowRules[0].condition'],
    ],
  ])('refuses %s, as the authoring mutations do', (_case, change, paths) => {
    expect(fieldsOf(change)).toEqual(paths);
  });

  it('accepts a condition that type-checks against the document', () => {
    expect(
      fieldsOf((d) =>
        Object.assign(d.flowRules[0], {
          conditionType: 'CONDITIONAL',
          condition: "'a' in answers.first.pick && price >= 0.0",
        }),
      ),
    ).toEqual([]);
  });

  it(`reports at most ${MAX_REPORTED_PROBLEMS} problems and counts them all`, () => {
    const doc = small();
    doc.steps[0].optionSets[0].options = Array.from({ length: 60 }, (_, i) => ({
      key: `o${i}`,
      label: 'O',
      price: 'x',
    }));
    const check = validateWizardDefinition(doc);
    expect(check).toMatchObject({ ok: false, total: 62 });
    expect(!check.ok && check.problems).toHaveLength(MAX_REPORTED_PROBLEMS);
  });
});

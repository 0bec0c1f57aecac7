import { SelectionType } from '../../src/entities/enums';
import { DEMO_WIZARDS } from '../../src/seed/demo';
import { checkValidationRules } from '../../src/services/authoring/validation-rules';

const { SINGLE, MULTIPLE, TEXT_INPUT, DATE_PICKER, FILE_UPLOAD } = SelectionType;
const fieldsOf = (type: SelectionType, rules: unknown) =>
  checkValidationRules(type, rules).map((problem) => problem.field);

describe('checkValidationRules', () => {
  it.each([
    [SINGLE, null],
    [SINGLE, {}],
    [MULTIPLE, undefined],
    [TEXT_INPUT, { minLength: 0, maxLength: 10_000, pattern: '^[A-Z]{2}\\d{4}$' }],
    [TEXT_INPUT, { minLength: 5, maxLength: 5 }],
    [TEXT_INPUT, { pattern: '^\\p{L}+$' }],
    [DATE_PICKER, { min: '2024-02-29', max: '2024-02-29' }],
    [DATE_PICKER, { max: '2030-12-31' }],
    [FILE_UPLOAD, { mimeTypes: ['image/*', 'application/pdf', 'application/vnd.ms-excel'] }],
    [FILE_UPLOAD, { maxBytes: 104_857_600 }],
  ])('accepts %s rules %j', (type, rules) => {
    expect(checkValidationRules(type, rules)).toEqual([]);
  });

  it.each([
    ['a non-object', TEXT_INPUT, [1], 'validationRules'],
    ['any rule on a SINGLE set', SINGLE, { minLength: 1 }, 'validationRules.minLength'],
    [
      'minSelections on a MULTIPLE set',
      MULTIPLE,
      { minSelections: 1 },
      'validationRules.minSelections',
    ],
    ['an unknown key', TEXT_INPUT, { minLen: 1 }, 'validationRules.minLen'],
    ['a negative minLength', TEXT_INPUT, { minLength: -1 }, 'validationRules.minLength'],
    ['a fractional minLength', TEXT_INPUT, { minLength: 1.5 }, 'validationRules.minLength'],
    ['a string maxLength', TEXT_INPUT, { maxLength: '10' }, 'validationRules.maxLength'],
    ['maxLength 0', TEXT_INPUT, { maxLength: 0 }, 'validationRules.maxLength'],
    ['maxLength over 10000', TEXT_INPUT, { maxLength: 10_001 }, 'validationRules.maxLength'],
    [
      'maxLength below minLength',
      TEXT_INPUT,
      { minLength: 5, maxLength: 4 },
      'validationRules.maxLength',
    ],
    ['an empty pattern', TEXT_INPUT, { pattern: '' }, 'validationRules.pattern'],
    [
      'a pattern over 200 characters',
      TEXT_INPUT,
      { pattern: 'a'.repeat(201) },
      'validationRules.pattern',
    ],
    ['a pattern that does not compile', TEXT_INPUT, { pattern: '(' }, 'validationRules.pattern'],
    [
      'a pattern invalid with the u flag',
      TEXT_INPUT,
      { pattern: '\\-' },
      'validationRules.pattern',
    ],
    ['a catastrophic pattern', TEXT_INPUT, { pattern: '^(a+)+$' }, 'validationRules.pattern'],
    [
      'a quantified group holding a quantifier',
      TEXT_INPUT,
      { pattern: '^(\\.\\d{2})?$' },
      'validationRules.pattern',
    ],
    ['a non-string pattern', TEXT_INPUT, { pattern: 5 }, 'validationRules.pattern'],
    ['a min that is not a date', DATE_PICKER, { min: 'tomorrow' }, 'validationRules.min'],
    ['a date that does not exist', DATE_PICKER, { max: '2023-02-29' }, 'validationRules.max'],
    ['a date with a time', DATE_PICKER, { min: '2024-01-01T00:00:00Z' }, 'validationRules.min'],
    [
      'max before min',
      DATE_PICKER,
      { min: '2024-05-02', max: '2024-05-01' },
      'validationRules.max',
    ],
    ['an empty mimeTypes', FILE_UPLOAD, { mimeTypes: [] }, 'validationRules.mimeTypes'],
    ['mimeTypes as a string', FILE_UPLOAD, { mimeTypes: 'image/png' }, 'validationRules.mimeTypes'],
    [
      'a media type without subtype',
      FILE_UPLOAD,
      { mimeTypes: ['image'] },
      'validationRules.mimeTypes',
    ],
    ['a wildcard type', FILE_UPLOAD, { mimeTypes: ['*/*'] }, 'validationRules.mimeTypes'],
    [
      '51 media types',
      FILE_UPLOAD,
      { mimeTypes: Array(51).fill('image/png') },
      'validationRules.mimeTypes',
    ],
    ['maxBytes 0', FILE_UPLOAD, { maxBytes: 0 }, 'validationRules.maxBytes'],
    ['maxBytes over 100 MB', FILE_UPLOAD, { maxBytes: 104_857_601 }, 'validationRules.maxBytes'],
    [
      'a TEXT_INPUT rule on a DATE_PICKER set',
      DATE_PICKER,
      { pattern: 'x' },
      'validationRules.pattern',
    ],
  ])('refuses %s, naming the field', (_case, type, rules, field) => {
    expect(fieldsOf(type, rules)).toEqual([field]);
  });

  it('reports every bad key, not only the first', () => {
    expect(fieldsOf(FILE_UPLOAD, { mimeTypes: [], maxBytes: -1, extra: true })).toEqual([
      'validationRules.mimeTypes',
      'validationRules.maxBytes',
      'validationRules.extra',
    ]);
  });

  it('points MULTIPLE sets at their selection columns', () => {
    const [problem] = checkValidationRules(MULTIPLE, { maxSelections: 2 });
    expect(problem.message).toMatch(/maxSelections field/);
  });

  it('does not treat inherited object keys as rules', () => {
    expect(fieldsOf(TEXT_INPUT, JSON.parse('{"constructor": 1}'))).toEqual([
      'validationRules.constructor',
    ]);
  });

  it('accepts the rules of every demo wizard', () => {
    const sets = DEMO_WIZARDS.flatMap((wizard) =>
      wizard.steps.flatMap((step) => step.optionSets.map((set) => ({ wizard: wizard.key, set }))),
    );
    const refused = sets.filter(
      ({ set }) =>
        checkValidationRules(set.selectionType ?? SINGLE, set.validationRules).length > 0,
    );
    expect(refused.map(({ wizard, set }) => `${wizard}/${set.key}`)).toEqual([]);
    expect(sets.filter(({ set }) => set.validationRules).length).toBeGreaterThan(10);
  });
});

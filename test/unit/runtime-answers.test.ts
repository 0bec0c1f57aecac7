import { DependencyType, SelectionType, SetDependencyType } from '../../src/entities/enums';
import type { WizardDefinition } from '../../src/definitions/wizard-definition';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  PROBLEM_CODES,
  checkAnswers,
  price,
  shouldAutoAdvance,
  startSession,
  submit,
  viewStep,
  type FileAnswer,
  type SessionState,
  type SetAnswer,
  type StepAnswers,
} from '../../src/runtime';
import { testWizard } from '../helpers/runtime';

const on = (option: string) => ({ step: 'src', set: 'pick', option });
const k = [{ key: 'k', label: 'k' }];

const definition: WizardDefinition = {
  key: 'answers',
  name: 'Answers',
  steps: [
    {
      key: 'src',
      name: 'Source',
      optionSets: [
        {
          key: 'pick',
          name: 'Pick',
          selectionType: SelectionType.MULTIPLE,
          isRequired: false,
          options: ['s1', 's2', 's3'].map((key) => ({ key, label: key, price: '1.25' })),
        },
      ],
    },
    {
      key: 'target',
      name: 'Target',
      autoAdvance: true,
      optionSets: [
        {
          key: 'opts',
          name: 'Options',
          selectionType: SelectionType.MULTIPLE,
          isRequired: false,
          options: [
            {
              key: 'show',
              label: 'show',
              price: '10.10',
              dependencies: [{ type: DependencyType.SHOW_IF, on: on('s1') }],
            },
            {
              key: 'hide',
              label: 'hide',
              price: '20.00',
              dependencies: [{ type: DependencyType.HIDE_IF, on: on('s2') }],
            },
            {
              key: 'dis',
              label: 'dis',
              dependencies: [{ type: DependencyType.DISABLE_IF, on: on('s3') }],
            },
            {
              key: 'req',
              label: 'req',
              dependencies: [{ type: DependencyType.REQUIRE_IF, on: on('s1') }],
            },
            { key: 'off', label: 'off', isDisabled: true },
            { key: 'plain', label: 'plain', price: '5.00' },
            { key: 'gone', label: 'gone', isActive: false },
            { key: 'input', label: 'input', requiresInput: true },
          ],
        },
        {
          key: 'shown_set',
          name: 'Shown',
          options: k,
          dependencies: [{ type: SetDependencyType.SHOW_IF, on: on('s1') }],
        },
        {
          key: 'hidden_set',
          name: 'Hidden',
          options: k,
          dependencies: [{ type: SetDependencyType.HIDE_IF, on: on('s2') }],
        },
        {
          key: 'req_set',
          name: 'Req',
          isRequired: false,
          options: k,
          dependencies: [{ type: SetDependencyType.REQUIRE_IF, on: on('s3') }],
        },
      ],
    },
    {
      key: 'kinds',
      name: 'Kinds',
      optionSets: [
        { key: 'one', name: 'One', options: ['a', 'b'].map((key) => ({ key, label: key })) },
        {
          key: 'many',
          name: 'Many',
          selectionType: SelectionType.MULTIPLE,
          isRequired: false,
          minSelections: 2,
          maxSelections: 3,
          options: ['a', 'b', 'c', 'd'].map((key) => ({ key, label: key })),
        },
        {
          key: 'text',
          name: 'Text',
          selectionType: SelectionType.TEXT_INPUT,
          validationRules: { minLength: 3, maxLength: 10, pattern: '^[a-z]+$' },
          options: [],
        },
        {
          key: 'date',
          name: 'Date',
          selectionType: SelectionType.DATE_PICKER,
          validationRules: { min: '2025-01-01', max: '2025-12-31' },
          options: [],
        },
        {
          key: 'file',
          name: 'File',
          selectionType: SelectionType.FILE_UPLOAD,
          isRequired: false,
          validationRules: { mimeTypes: ['image/*', 'application/pdf'], maxBytes: 1000 },
          options: [],
        },
      ],
    },
  ],
};

const w = testWizard(definition);
const { model } = w;

function afterSource(pick: string[]): SessionState {
  const outcome = submit(model, startSession(model), w.step('src'), w.answers('src', { pick }));
  expect(outcome.problems).toEqual([]);
  return outcome.state;
}

function flags(state: SessionState) {
  const view = viewStep(model, state, w.step('target'))!;
  const sets = Object.fromEntries(
    view.sets.map((set) => [set.key, { visible: set.visible, required: set.required }]),
  );
  const options = Object.fromEntries(
    view.sets[0].options.map((o) => [
      o.key,
      [o.visible && 'visible', o.disabled && 'disabled', o.required && 'required']
        .filter(Boolean)
        .join(' '),
    ]),
  );
  return { sets, options };
}

describe('dependencies', () => {
  it.each([
    [
      [],
      { show: '', hide: 'visible', dis: 'visible', req: 'visible' },
      { shown_set: [false, false], hidden_set: [true, true], req_set: [true, false] },
    ],
    [
      ['s1'],
      { show: 'visible', hide: 'visible', dis: 'visible', req: 'visible required' },
      { shown_set: [true, true], hidden_set: [true, true], req_set: [true, false] },
    ],
    [
      ['s2'],
      { show: '', hide: '', dis: 'visible', req: 'visible' },
      { shown_set: [false, false], hidden_set: [false, false], req_set: [true, false] },
    ],
    [
      ['s3'],
      { show: '', hide: 'visible', dis: 'visible disabled', req: 'visible' },
      { shown_set: [false, false], hidden_set: [true, true], req_set: [true, true] },
    ],
  ])('with %j selected before', (pick, options, sets) => {
    const view = flags(afterSource(pick));
    expect(view.options).toMatchObject({ ...options, off: 'visible disabled', plain: 'visible' });
    expect(view.options).not.toHaveProperty('gone');
    expect(view.sets).toEqual(
      Object.fromEntries(
        Object.entries(sets)
          .map(([key, [visible, required]]) => [key, { visible, required }])
          .concat([['opts', { visible: true, required: false }]]),
      ),
    );
  });
});

type Case = [name: string, pick: string[], answers: Record<string, string[]>, codes: string[]];

describe('choice answers', () => {
  const other = w.option('kinds', 'one', 'a');
  it.each<Case>([
    ['valid', [], { hidden_set: ['k'], opts: ['hide', 'plain'] }, []],
    ['a required set unanswered', [], {}, ['REQUIRED']],
    ['is_disabled option', [], { hidden_set: ['k'], opts: ['off'] }, ['NOT_SELECTABLE']],
    [
      'DISABLE_IF option',
      ['s3'],
      { hidden_set: ['k'], req_set: ['k'], opts: ['dis'] },
      ['NOT_SELECTABLE'],
    ],
    ['hidden option', [], { hidden_set: ['k'], opts: ['show'] }, ['NOT_SELECTABLE']],
    ['inactive option', [], { hidden_set: ['k'], opts: ['gone'] }, ['NOT_SELECTABLE']],
    [
      'REQUIRE_IF option not chosen',
      ['s1'],
      { hidden_set: ['k'], shown_set: ['k'] },
      ['OPTION_REQUIRED'],
    ],
    ['REQUIRE_IF set unanswered', ['s3'], { hidden_set: ['k'] }, ['REQUIRED']],
    ['hidden set answered', [], { hidden_set: ['k'], shown_set: ['k'] }, ['SET_HIDDEN']],
    ['missing additional input', [], { hidden_set: ['k'], opts: ['input'] }, ['INPUT_REQUIRED']],
    ['SINGLE with two', [], { hidden_set: ['k', 'k'] }, ['DUPLICATE_OPTION', 'TOO_MANY']],
  ])('%s', (_name, pick, bySet, codes) => {
    const state = afterSource(pick);
    const problems = checkAnswers(model, state, w.step('target'), w.answers('target', bySet));
    expect(problems.map((p) => p.code)).toEqual(codes);
    for (const p of problems) expect(p.message).toEqual(expect.any(String));
  });

  it('refuses an option of another set, and a set of another step', () => {
    const state = afterSource([]);
    const setId = w.set('target', 'hidden_set');
    const answers: StepAnswers = { [setId]: { setId, optionIds: [other] } };
    expect(checkAnswers(model, state, w.step('target'), answers)).toEqual([
      {
        code: 'UNKNOWN_OPTION',
        setId,
        setKey: 'hidden_set',
        optionId: other,
        message: expect.any(String),
      },
    ]);
    const foreign = w.set('kinds', 'one');
    const stray = {
      ...w.answers('target', { hidden_set: ['k'] }),
      [foreign]: { setId: foreign, optionIds: [other] },
    };
    expect(checkAnswers(model, state, w.step('target'), stray).map((p) => p.code)).toEqual([
      'UNKNOWN_SET',
    ]);
  });

  it('accepts additional input and refuses a step not on the path', () => {
    const state = afterSource([]);
    const setId = w.set('target', 'opts');
    const input = w.option('target', 'opts', 'input');
    const answers = {
      ...w.answers('target', { hidden_set: ['k'] }),
      [setId]: { setId, optionIds: [input], additionalInput: { [input]: 'hello' } },
    };
    expect(checkAnswers(model, state, w.step('target'), answers)).toEqual([]);
    expect(checkAnswers(model, state, w.step('kinds'), {}).map((p) => p.code)).toEqual([
      'STEP_NOT_ON_PATH',
    ]);
  });

  it('predicts auto-advance on a single valid choice', () => {
    const state = afterSource([]);
    expect(
      shouldAutoAdvance(model, state, w.step('target'), w.answers('target', { hidden_set: ['k'] })),
    ).toBe(true);
    expect(
      shouldAutoAdvance(
        model,
        state,
        w.step('target'),
        w.answers('target', { hidden_set: ['k'], opts: ['plain'] }),
      ),
    ).toBe(false);
    expect(shouldAutoAdvance(model, state, w.step('target'), {})).toBe(false);
  });
});

describe('value answers', () => {
  const state = submit(
    model,
    afterSource([]),
    w.step('target'),
    w.answers('target', { hidden_set: ['k'] }),
  ).state;
  const valid = { one: ['a'], many: ['a', 'b'], text: 'abc', date: '2025-06-01' };
  const file = (fields: Partial<FileAnswer>) => ({
    name: 'a.png',
    mimeType: 'image/png',
    bytes: 10,
    ...fields,
  });
  it.each<[string, Record<string, string[] | string | FileAnswer>, string[]]>([
    ['valid', {}, []],
    ['valid with a file', { file: file({}) }, []],
    ['valid pdf', { file: file({ mimeType: 'application/pdf' }) }, []],
    ['SINGLE unanswered', { one: [] }, ['REQUIRED']],
    ['SINGLE with two', { one: ['a', 'b'] }, ['TOO_MANY']],
    ['MULTIPLE with min 2 unanswered', { many: [] }, ['REQUIRED']],
    ['MULTIPLE too few', { many: ['a'] }, ['TOO_FEW']],
    ['MULTIPLE too many', { many: ['a', 'b', 'c', 'd'] }, ['TOO_MANY']],
    ['choice set given a value', { one: 'a' }, ['WRONG_KIND']],
    ['text missing', { text: '' }, ['REQUIRED']],
    ['text too short', { text: 'ab' }, ['MIN_LENGTH']],
    ['text too long', { text: 'abcdefghijk' }, ['MAX_LENGTH']],
    ['text huge', { text: 'a'.repeat(1_000_000) }, ['MAX_LENGTH']],
    ['text against the pattern', { text: 'abc1' }, ['PATTERN']],
    ['text given options', { text: ['a'] as never }, ['WRONG_KIND']],
    ['date 2025-02-30', { date: '2025-02-30' }, ['DATE_FORMAT']],
    ['date not zero-padded', { date: '2025-2-3' }, ['DATE_FORMAT']],
    ['date before min', { date: '2024-12-31' }, ['DATE_RANGE']],
    ['date after max', { date: '2026-01-01' }, ['DATE_RANGE']],
    ['file of the wrong type', { file: file({ mimeType: 'text/plain' }) }, ['MIME_TYPE']],
    ['file too large', { file: file({ bytes: 1001 }) }, ['TOO_LARGE']],
    ['file without a name', { file: file({ name: ' ' }) }, ['FILE_INVALID']],
    ['file as text', { file: 'a.png' }, ['WRONG_KIND']],
  ])('%s', (_name, override, codes) => {
    const bySet = { ...valid, ...override };
    const answers: Record<number, SetAnswer> = {};
    for (const [key, value] of Object.entries(bySet)) {
      const setId = w.set('kinds', key);
      const isChoice = key === 'one' || key === 'many';
      answers[setId] =
        isChoice && Array.isArray(value)
          ? { setId, optionIds: value.map((o) => w.option('kinds', key, o)) }
          : Array.isArray(value)
            ? { setId, optionIds: [w.option('kinds', 'one', 'a')] }
            : { setId, value };
    }
    const problems = checkAnswers(model, state, w.step('kinds'), answers);
    expect(problems.map((p) => p.code)).toEqual(codes);
    if (codes.length) expect(problems[0]).toMatchObject({ setKey: Object.keys(override)[0] });
  });
});

describe('pruning and price', () => {
  it('prunes answers that are no longer visible and leaves them out of the price', () => {
    let state = afterSource(['s1']);
    const target = w.answers('target', {
      opts: ['show', 'req', 'plain'],
      shown_set: ['k'],
      hidden_set: ['k'],
    });
    state = submit(model, state, w.step('target'), target).state;
    const total = price(model, state);
    expect(total.total).toBe('16.35');
    expect(total.lines.map((line) => [line.label, line.price])).toEqual([
      ['s1', '1.25'],
      ['show', '10.10'],
      ['req', '0.00'],
      ['plain', '5.00'],
      ['k', '0.00'],
      ['k', '0.00'],
    ]);
    expect(total.lines[1]).toEqual({
      stepId: w.step('target'),
      setId: w.set('target', 'opts'),
      optionId: w.option('target', 'opts', 'show'),
      label: 'show',
      price: '10.10',
    });
    const outcome = submit(model, state, w.step('src'), w.answers('src', { pick: ['s2'] }));
    expect(outcome.pruned).toEqual({
      stepIds: [],
      setIds: [w.set('target', 'shown_set'), w.set('target', 'hidden_set')],
      optionIds: [w.option('target', 'opts', 'show')],
    });
    expect(outcome.price.total).toBe('6.25');
    expect(outcome.state.answers[w.step('target')]).toEqual({
      [w.set('target', 'opts')]: {
        setId: w.set('target', 'opts'),
        optionIds: [w.option('target', 'opts', 'req'), w.option('target', 'opts', 'plain')],
        additionalInput: {},
      },
    });
    // the target step still holds, so the session moved on to kinds
    expect(outcome.state.path).toEqual([w.step('src'), w.step('target'), w.step('kinds')]);
  });

  it('never prices hidden options, even when recorded', () => {
    const state = afterSource([]);
    const opts = w.set('target', 'opts');
    const hiddenSet = w.set('target', 'hidden_set');
    const k = w.option('target', 'hidden_set', 'k');
    const raw = {
      ...state,
      answers: {
        ...state.answers,
        [w.step('target')]: {
          [opts]: {
            setId: opts,
            optionIds: [w.option('target', 'opts', 'show'), w.option('target', 'opts', 'plain')],
          },
          [hiddenSet]: { setId: hiddenSet, optionIds: [k] },
        },
      },
    };
    expect(price(model, raw).total).toBe('5.00');
  });

  it('keeps a re-answered step open when a new REQUIRE_IF is not met', () => {
    let state = submit(
      model,
      afterSource([]),
      w.step('target'),
      w.answers('target', { hidden_set: ['k'] }),
    ).state;
    state = submit(model, state, w.step('src'), w.answers('src', { pick: ['s3'] })).state;
    expect(state.path).toEqual([w.step('src'), w.step('target')]);
    expect(viewStep(model, state, w.step('target'))?.status).toBe('OPEN');
  });
});

describe('README', () => {
  it('lists every problem code', () => {
    const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
    for (const code of PROBLEM_CODES) expect(readme).toMatch(new RegExp(`\\| \`${code}\` +\\|`));
  });
});

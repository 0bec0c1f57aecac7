import { ConditionType, SelectionType } from '../../src/entities/enums';
import type { WizardDefinition } from '../../src/definitions/wizard-definition';
import {
  canComplete,
  goBack,
  nextStep,
  price,
  progress,
  skip,
  startSession,
  submit,
  viewStep,
  type SessionState,
} from '../../src/runtime';
import { testWizard } from '../helpers/runtime';

const choice = (key: string, options: [string, string?][], extra = {}) => ({
  key,
  name: key,
  options: options.map(([optionKey, optionPrice]) => ({
    key: optionKey,
    label: optionKey,
    price: optionPrice ?? '0.00',
  })),
  ...extra,
});

/** start → basic_step | pro_step → (bonus) → review → finish, with every kind of rule. */
const definition: WizardDefinition = {
  key: 'flow',
  name: 'Flow',
  steps: [
    {
      key: 'start',
      name: 'Start',
      optionSets: [
        choice('kind', [
          ['basic', '100.00'],
          ['pro', '900.00'],
        ]),
      ],
    },
    {
      key: 'basic_step',
      name: 'Basic',
      optionSets: [
        choice(
          'extras',
          [
            ['a', '50.00'],
            ['b', '60.10'],
          ],
          {
            selectionType: SelectionType.MULTIPLE,
            isRequired: false,
          },
        ),
      ],
    },
    {
      key: 'pro_step',
      name: 'Pro',
      optionSets: [
        choice('tier', [
          ['x', '500.00'],
          ['y', '700.00'],
        ]),
      ],
    },
    { key: 'bonus', name: 'Bonus', optionSets: [choice('gift', [['g1']])] },
    {
      key: 'review',
      name: 'Review',
      allowBackNavigation: false,
      optionSets: [
        {
          key: 'notes',
          name: 'notes',
          selectionType: SelectionType.TEXT_INPUT,
          isRequired: false,
          options: [],
        },
      ],
    },
    { key: 'finish', name: 'Finish', optionSets: [choice('ok', [['yes']])] },
  ],
  flowRules: [
    {
      name: 'to pro',
      from: 'start',
      fromOption: { set: 'kind', option: 'pro' },
      to: 'pro_step',
      priority: 10,
    },
    {
      name: 'to basic',
      from: 'start',
      fromOption: { set: 'kind', option: 'basic' },
      to: 'basic_step',
      priority: 10,
    },
    {
      name: 'many extras',
      from: 'basic_step',
      to: 'bonus',
      conditionType: ConditionType.CONDITIONAL,
      condition: "'basic' in answers.start.kind && size(answers.basic_step.extras) >= 2",
      priority: 5,
    },
    { name: 'basic review', from: 'basic_step', to: 'review', priority: 0 },
    {
      name: 'big spender',
      from: 'pro_step',
      to: 'bonus',
      conditionType: ConditionType.CONDITIONAL,
      condition: 'price >= 1500.0',
      priority: 5,
    },
    {
      name: 'bonus offer',
      from: 'pro_step',
      fromOption: { set: 'tier', option: 'x' },
      to: 'bonus',
      conditionType: ConditionType.OPTIONAL,
      priority: 1,
    },
    { name: 'pro review', from: 'pro_step', to: 'review', priority: 0 },
    { name: 'after bonus', from: 'bonus', to: 'review' },
  ],
};

const w = testWizard(definition);
const { model } = w;

type Move = [step: string, answers: Record<string, string[] | string>] | ['skip', string];

function run(moves: Move[], state: SessionState = startSession(model)): SessionState {
  for (const [what, arg] of moves) {
    const outcome =
      what === 'skip'
        ? skip(model, state, w.step(arg as string))
        : submit(model, state, w.step(what), w.answers(what, arg as Record<string, string[]>));
    expect(outcome.problems).toEqual([]);
    state = outcome.state;
  }
  return state;
}

const keys = (ids: readonly number[]) => ids.map((id) => model.steps.find((s) => s.id === id)!.key);

describe('flow', () => {
  it.each([
    [
      'basic, no extras',
      [
        ['start', { kind: ['basic'] }],
        ['basic_step', {}],
        ['review', {}],
        ['finish', { ok: ['yes'] }],
      ],
      ['start', 'basic_step', 'review', 'finish'],
      '100.00',
    ],
    [
      'basic, two extras (CONDITIONAL on an earlier answer)',
      [
        ['start', { kind: ['basic'] }],
        ['basic_step', { extras: ['a', 'b'] }],
        ['bonus', { gift: ['g1'] }],
        ['review', { notes: 'fine' }],
        ['finish', { ok: ['yes'] }],
      ],
      ['start', 'basic_step', 'bonus', 'review', 'finish'],
      '210.10',
    ],
    [
      'pro y (CONDITIONAL on the price)',
      [
        ['start', { kind: ['pro'] }],
        ['pro_step', { tier: ['y'] }],
        ['bonus', { gift: ['g1'] }],
        ['review', {}],
        ['finish', { ok: ['yes'] }],
      ],
      ['start', 'pro_step', 'bonus', 'review', 'finish'],
      '1600.00',
    ],
    [
      'pro x (OPTIONAL, then skipped)',
      [
        ['start', { kind: ['pro'] }],
        ['pro_step', { tier: ['x'] }],
        ['skip', 'bonus'],
        ['review', {}],
        ['finish', { ok: ['yes'] }],
      ],
      ['start', 'pro_step', 'bonus', 'review', 'finish'],
      '1400.00',
    ],
  ] as [string, Move[], string[], string][])('%s', (_name, moves, path, total) => {
    const state = run(moves);
    expect(keys(state.path)).toEqual(path);
    expect(canComplete(model, state)).toEqual({ ok: true, missing: [] });
    expect(price(model, state).total).toBe(total);
    expect(progress(model, state)).toEqual({
      done: path.length,
      remaining: 0,
      total: path.length,
      percent: 100,
    });
  });

  it('explains which rule fired, the default order and completion', () => {
    const first = submit(
      model,
      startSession(model),
      w.step('start'),
      w.answers('start', { kind: ['pro'] }),
    );
    expect(first.next).toMatchObject({
      stepId: w.step('pro_step'),
      via: 'RULE',
      rule: { name: 'to pro', type: 'REQUIRED' },
      reason: 'rule "to pro" (REQUIRED) fired: option "pro" was selected',
    });
    const second = submit(
      model,
      first.state,
      w.step('pro_step'),
      w.answers('pro_step', { tier: ['y'] }),
    );
    expect(second.next?.reason).toBe(
      'rule "big spender" (CONDITIONAL) fired: condition `price >= 1500.0` held',
    );
    const state = run(
      [
        ['bonus', { gift: ['g1'] }],
        ['review', {}],
      ],
      second.state,
    );
    expect(nextStep(model, state, w.step('review'))).toMatchObject({
      via: 'DEFAULT',
      stepId: w.step('finish'),
      reason: 'default order',
    });
    const last = submit(model, state, w.step('finish'), w.answers('finish', { ok: ['yes'] }));
    expect(last.next).toMatchObject({
      stepId: null,
      complete: true,
      via: 'COMPLETE',
      reason: 'complete',
    });
    expect(last.state.currentStepId).toBe(w.step('finish'));
  });

  it('refuses to skip a required step reached without an OPTIONAL rule', () => {
    const state = run([
      ['start', { kind: ['pro'] }],
      ['pro_step', { tier: ['y'] }],
    ]);
    const outcome = skip(model, state, w.step('bonus'));
    expect(outcome.ok).toBe(false);
    expect(outcome.problems.map((p) => p.code)).toEqual(['SKIP_NOT_ALLOWED']);
    expect(outcome.state).toEqual(state);
    expect(viewStep(model, state, w.step('bonus'))?.canSkip).toBe(false);
  });

  it('refuses to skip a step that is not current', () => {
    const state = run([['start', { kind: ['pro'] }]]);
    expect(skip(model, state, w.step('bonus')).problems.map((p) => p.code)).toEqual([
      'NOT_CURRENT',
    ]);
  });

  it('goes back, and refuses where the current step does not allow it', () => {
    let state = run([
      ['start', { kind: ['basic'] }],
      ['basic_step', {}],
    ]);
    expect(state.currentStepId).toBe(w.step('review'));
    const refused = goBack(model, state);
    expect(refused.problems.map((p) => p.code)).toEqual(['BACK_NOT_ALLOWED']);
    state = run([['review', {}]], state);
    const back = goBack(model, state);
    expect(back.ok).toBe(true);
    expect(back.state.currentStepId).toBe(w.step('review'));
    expect(back.state.path).toEqual(state.path);
    expect(goBack(model, startSession(model)).problems.map((p) => p.code)).toEqual([
      'NO_PREVIOUS_STEP',
    ]);
  });

  it('re-submitting an earlier step prunes the steps that left the path', () => {
    const state = run([
      ['start', { kind: ['pro'] }],
      ['pro_step', { tier: ['x'] }],
      ['skip', 'bonus'],
    ]);
    // submit takes any step on the path (review forbids going back, the engine does not police it)
    const outcome = submit(model, state, w.step('start'), w.answers('start', { kind: ['basic'] }));
    expect(keys(outcome.state.path)).toEqual(['start', 'basic_step']);
    expect(outcome.pruned).toEqual({
      stepIds: [w.step('pro_step'), w.step('bonus')],
      setIds: [],
      optionIds: [],
    });
    expect(outcome.state.answers).not.toHaveProperty(String(w.step('pro_step')));
    expect(outcome.state.skipped).toEqual({});
    expect(outcome.price.total).toBe('100.00');
  });

  it('re-submitting with the same answers keeps the later steps', () => {
    let state = run([
      ['start', { kind: ['pro'] }],
      ['pro_step', { tier: ['y'] }],
      ['bonus', { gift: ['g1'] }],
    ]);
    state = goBack(model, goBack(model, state).state).state;
    const outcome = submit(model, state, w.step('start'), w.answers('start', { kind: ['pro'] }));
    expect(keys(outcome.state.path)).toEqual(['start', 'pro_step', 'bonus', 'review']);
    expect(outcome.state.currentStepId).toBe(w.step('pro_step'));
    expect(outcome.pruned).toEqual({ stepIds: [], setIds: [], optionIds: [] });
  });

  it('a lower price re-routes: the CONDITIONAL rule stops holding', () => {
    let state = run([
      ['start', { kind: ['pro'] }],
      ['pro_step', { tier: ['y'] }],
      ['bonus', { gift: ['g1'] }],
    ]);
    state = goBack(model, state).state;
    // tier x (1400) no longer reaches 1500: the OPTIONAL rule leads to bonus instead, which stays
    const outcome = submit(
      model,
      state,
      w.step('pro_step'),
      w.answers('pro_step', { tier: ['x'] }),
    );
    expect(outcome.next?.rule?.name).toBe('bonus offer');
    expect(keys(outcome.state.path)).toEqual(['start', 'pro_step', 'bonus', 'review']);
    expect(viewStep(model, outcome.state, w.step('bonus'))).toMatchObject({
      canSkip: true,
      optional: true,
    });
  });

  it('drops a skip that is no longer allowed when the session reaches the step another way', () => {
    let state = run([
      ['start', { kind: ['pro'] }],
      ['pro_step', { tier: ['x'] }],
      ['skip', 'bonus'],
      ['review', {}],
    ]);
    // tier y reaches bonus by the CONDITIONAL rule, so the required bonus step must be answered
    const outcome = submit(
      model,
      state,
      w.step('pro_step'),
      w.answers('pro_step', { tier: ['y'] }),
    );
    state = outcome.state;
    expect(keys(state.path)).toEqual(['start', 'pro_step', 'bonus']);
    expect(state.skipped).toEqual({});
    expect(outcome.pruned.stepIds).toEqual([w.step('review')]);
    expect(viewStep(model, state, w.step('bonus'))).toMatchObject({
      status: 'OPEN',
      canSkip: false,
    });
  });

  it('refuses completion until the path is done, naming the missing steps', () => {
    const state = run([['start', { kind: ['basic'] }]]);
    expect(canComplete(model, state)).toEqual({
      ok: false,
      missing: [{ stepId: w.step('basic_step'), stepKey: 'basic_step', reason: 'not answered' }],
    });
    expect(
      canComplete(
        model,
        run(
          [
            ['basic_step', {}],
            ['review', {}],
            ['finish', { ok: ['yes'] }],
          ],
          state,
        ),
      ).ok,
    ).toBe(true);
  });

  it('estimates progress along the default path', () => {
    expect(progress(model, startSession(model))).toEqual({
      done: 0,
      remaining: 4,
      total: 4,
      percent: 0,
    });
    const state = run([['start', { kind: ['basic'] }]]);
    // basic_step, then review (the rule without option), then finish
    expect(progress(model, state)).toEqual({ done: 1, remaining: 3, total: 4, percent: 25 });
    expect(viewStep(model, state, w.step('basic_step'))?.progress.percent).toBe(25);
  });

  it('does not mutate the state it is given', () => {
    const state = run([['start', { kind: ['basic'] }]]);
    const copy = structuredClone(state);
    submit(model, state, w.step('basic_step'), w.answers('basic_step', { extras: ['a'] }));
    skip(model, state, w.step('basic_step'));
    goBack(model, state);
    expect(state).toEqual(copy);
  });
});

describe('rule order', () => {
  const tie: WizardDefinition = {
    key: 'tie',
    name: 'Tie',
    steps: ['a', 'b', 'c', 'd'].map((key) => ({
      key,
      name: key,
      isActive: key !== 'd',
      optionSets: [choice('s', [['o']])],
    })),
    flowRules: [
      { name: 'to inactive', from: 'a', to: 'd', priority: 9 },
      { name: 'second', from: 'a', to: 'b', priority: 5 },
      { name: 'first by id', from: 'a', to: 'c', priority: 5 },
    ].reverse(),
  };
  const t = testWizard(tie);

  it('skips rules to inactive steps and breaks priority ties by rule id', () => {
    const outcome = submit(
      t.model,
      startSession(t.model),
      t.step('a'),
      t.answers('a', { s: ['o'] }),
    );
    // the reversed list gives "first by id" the lowest id
    expect(outcome.next).toMatchObject({ stepId: t.step('c'), rule: { name: 'first by id' } });
  });
});

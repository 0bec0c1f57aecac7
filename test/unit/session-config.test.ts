import type { WizardDefinition } from '../../src/definitions/wizard-definition';
import { ConditionType, SelectionType } from '../../src/entities/enums';
import { path, price, startSession, submit, type SessionState } from '../../src/runtime';
import {
  applyConfig,
  configDigest,
  configOf,
  configSummary,
  withoutData,
} from '../../src/services/sessions/session-config';
import { testWizard, type TestWizard } from '../helpers/runtime';

/** size → (extras when large) → notes: prices, a branch rule and a text set. */
const definition = (
  options: { extrasActive?: boolean; ruleTo?: string } = {},
): WizardDefinition => ({
  key: 'bike',
  name: 'Bike',
  steps: [
    {
      key: 'size',
      name: 'Size',
      optionSets: [
        {
          key: 'frame',
          name: 'Frame',
          options: [
            { key: 'medium', label: 'Medium', price: '499.00' },
            { key: 'large', label: 'Large', price: '549.00' },
          ],
        },
      ],
    },
    {
      key: 'extras',
      name: 'Extras',
      isRequired: false,
      optionSets: [
        {
          key: 'lights',
          name: 'Lights',
          selectionType: SelectionType.MULTIPLE,
          isRequired: false,
          options: [
            {
              key: 'front',
              label: 'Front light',
              price: '29.90',
              isActive: options.extrasActive ?? true,
            },
            { key: 'rear', label: 'Rear light', price: '19.90' },
          ],
        },
      ],
    },
    {
      key: 'notes',
      name: 'Notes',
      optionSets: [
        {
          key: 'note',
          name: 'Note',
          selectionType: SelectionType.TEXT_INPUT,
          isRequired: false,
          options: [],
        },
      ],
    },
  ],
  flowRules: [
    {
      name: 'Medium frames skip the extras',
      from: 'size',
      fromOption: { set: 'frame', option: 'medium' },
      to: options.ruleTo ?? 'notes',
      conditionType: ConditionType.REQUIRED,
    },
  ],
});

function run(w: TestWizard, moves: [string, Record<string, string[] | string>][]): SessionState {
  let state = startSession(w.model);
  for (const [step, answers] of moves) {
    const moved = submit(w.model, state, w.step(step), w.answers(step, answers));
    if (!moved.ok) throw new Error(JSON.stringify(moved.problems));
    state = moved.state;
  }
  return state;
}

describe('session configurations', () => {
  const original = testWizard(definition());
  const state = run(original, [
    ['size', { frame: ['large'] }],
    ['extras', { lights: ['front', 'rear'] }],
    ['notes', { note: 'blue please' }],
  ]);

  it('names answers by keys, in path order, typed data only when asked', () => {
    expect(configOf(original.model, state, true)).toEqual({
      formatVersion: 1,
      wizardKey: 'bike',
      steps: [
        { step: 'size', answers: [{ set: 'frame', options: ['large'] }] },
        { step: 'extras', answers: [{ set: 'lights', options: ['front', 'rear'] }] },
        { step: 'notes', answers: [{ set: 'note', value: 'blue please' }] },
      ],
    });
    expect(configOf(original.model, state, false).steps[2]).toEqual({ step: 'notes', answers: [] });
  });

  it('summarizes the choices with their prices and the total', () => {
    expect(configSummary(original.model, state)).toBe(
      'Size: Large (549.00); Extras: Front light (29.90), Rear light (19.90). Total 598.80.',
    );
  });

  it('applies to the same wizard exactly, ids and all', () => {
    const copy = testWizard(definition());
    const applied = applyConfig(copy.model, configOf(original.model, state, true), {
      withData: true,
    });
    expect(applied.notApplied).toEqual([]);
    expect(applied.applied).toBe(3);
    expect(price(copy.model, applied.state).total).toBe('598.80');
    expect(configDigest(configOf(copy.model, applied.state, true))).toBe(
      configDigest(configOf(original.model, state, true)),
    );
  });

  it('leaves typed data out without withData, and says so', () => {
    const applied = applyConfig(original.model, configOf(original.model, state, true), {
      withData: false,
    });
    expect(applied.notApplied).toEqual([
      {
        step: 'notes',
        set: 'note',
        option: null,
        reason: 'typed data is not applied (withData is false)',
      },
    ]);
    const digest = configDigest(configOf(original.model, applied.state, false));
    expect(digest).toBe(configDigest(withoutData(configOf(original.model, state, true), false)));
  });

  it('reports an option that became inactive and applies the rest', () => {
    const changed = testWizard(definition({ extrasActive: false }));
    const applied = applyConfig(changed.model, configOf(original.model, state, true), {
      withData: true,
    });
    expect(applied.notApplied).toEqual([
      {
        step: 'extras',
        set: 'lights',
        option: 'front',
        reason: 'the option no longer exists or is inactive',
      },
    ]);
    expect(price(changed.model, applied.state).total).toBe('568.90');
    expect(path(changed.model, applied.state).map((step) => step.status)).toEqual([
      'ANSWERED',
      'ANSWERED',
      'ANSWERED',
    ]);
  });

  it('reports steps the flow no longer reaches after a rule changed', () => {
    const medium = run(original, [
      ['size', { frame: ['medium'] }],
      ['notes', { note: 'short' }],
    ]);
    // The rule now sends medium frames through the extras, which the old answers never visited.
    const changed = testWizard(definition({ ruleTo: 'extras' }));
    const applied = applyConfig(changed.model, configOf(original.model, medium, true), {
      withData: true,
    });
    expect(applied.notApplied).toEqual([
      { step: 'notes', set: null, option: null, reason: 'the flow no longer leads to this step' },
    ]);
    expect(applied.state.currentStepId).toBe(changed.step('extras'));
  });

  it('reports a step that is gone', () => {
    const config = configOf(original.model, state, true);
    const renamed = { ...config, steps: [{ step: 'gone', answers: [] }, ...config.steps] };
    const applied = applyConfig(original.model, renamed, { withData: true });
    expect(applied.notApplied[0]).toEqual({
      step: 'gone',
      set: null,
      option: null,
      reason: 'the step no longer exists or is inactive',
    });
    expect(applied.applied).toBe(3);
  });
});

import { ConditionType } from '../../src/entities/enums';
import type { WizardDefinition } from '../../src/definitions/wizard-definition';
import { canComplete, startSession, submit, viewStep, type SessionState } from '../../src/runtime';
import { testWizard } from '../helpers/runtime';

const options = (...keys: string[]) => keys.map((key) => ({ key, label: key, price: '1.00' }));

const definition: WizardDefinition = {
  key: 'loop',
  name: 'Loop',
  steps: [
    {
      key: 'a',
      name: 'A',
      optionSets: [
        {
          key: 's',
          name: 's',
          options: [
            { key: 'x', label: 'x', isDefault: true, isRecommended: true },
            { key: 'y', label: 'y' },
          ],
        },
      ],
    },
    {
      key: 'b',
      name: 'B',
      optionSets: [{ key: 's', name: 's', options: options('again', 'done') }],
    },
    {
      key: 'c',
      name: 'C',
      isRequired: false,
      optionSets: [{ key: 's', name: 's', options: options('o') }],
    },
  ],
  flowRules: [
    {
      name: 'again',
      from: 'b',
      to: 'a',
      conditionType: ConditionType.CONDITIONAL,
      condition: "'again' in answers.b.s && session.stepsCompleted >= 2 && !session.isGuest",
    },
  ],
};

const w = testWizard(definition);
const { model } = w;

function answer(state: SessionState, step: string, option: string) {
  const outcome = submit(model, state, w.step(step), w.answers(step, { s: [option] }));
  expect(outcome.problems).toEqual([]);
  return outcome;
}

describe('a flow that leads back', () => {
  it('makes the earlier step current without growing the path, until the answers lead out', () => {
    const looped = answer(answer(startSession(model), 'a', 'x').state, 'b', 'again');
    expect(looped.next).toMatchObject({ stepId: w.step('a'), rule: { name: 'again' } });
    expect(looped.state.path).toEqual([w.step('a'), w.step('b')]);
    expect(looped.state.currentStepId).toBe(w.step('a'));
    expect(canComplete(model, looped.state)).toEqual({
      ok: false,
      missing: [{ stepId: w.step('a'), stepKey: 'a', reason: 'the flow leads back here' }],
    });
    expect(looped.progress).toMatchObject({ done: 2, remaining: 1 });
    const view = viewStep(model, looped.state, w.step('a'))!;
    expect(view.sets[0].options.map((o) => [o.key, o.selected, o.default, o.recommended])).toEqual([
      ['x', true, true, true],
      ['y', false, false, false],
    ]);
    const again = answer(looped.state, 'a', 'y');
    expect(again.state.currentStepId).toBe(w.step('b'));
    const out = answer(again.state, 'b', 'done');
    expect(out.next).toMatchObject({ stepId: w.step('c'), via: 'DEFAULT' });
    expect(out.state.path).toEqual([w.step('a'), w.step('b'), w.step('c')]);
  });

  it('sees session facts in conditions: a guest never loops', () => {
    const guest = startSession(model, { isGuest: true });
    const outcome = answer(answer(guest, 'a', 'x').state, 'b', 'again');
    expect(outcome.next).toMatchObject({ stepId: w.step('c'), via: 'DEFAULT' });
  });
});

import { DependencyType, SelectionType } from '../../src/entities/enums';
import type { WizardDefinition } from '../../src/definitions/wizard-definition';
import { checkAnswers, startSession, submit, viewStep } from '../../src/runtime';
import { testWizard } from '../helpers/runtime';

const on = (option: string) => ({ step: 'src', set: 'pick', option });

const definition: WizardDefinition = {
  key: 'view',
  name: 'View',
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
          options: [
            { key: 's1', label: 's1' },
            { key: 's3', label: 's3' },
          ],
        },
      ],
    },
    {
      key: 'target',
      name: 'Target',
      optionSets: [
        {
          key: 'opts',
          name: 'Options',
          selectionType: SelectionType.MULTIPLE,
          isRequired: false,
          options: [
            {
              key: 'both',
              label: 'both',
              dependencies: [
                { type: DependencyType.REQUIRE_IF, on: on('s1') },
                { type: DependencyType.DISABLE_IF, on: on('s3') },
              ],
            },
          ],
        },
      ],
    },
  ],
};

const w = testWizard(definition);

describe('an option both required and disabled', () => {
  it.each([
    [['s1'], { disabled: false, required: true }, ['OPTION_REQUIRED']],
    [['s1', 's3'], { disabled: true, required: false }, []],
  ])('with %j selected before', (pick, flags, codes) => {
    const state = submit(
      w.model,
      startSession(w.model),
      w.step('src'),
      w.answers('src', { pick }),
    ).state;
    const view = viewStep(w.model, state, w.step('target'))!;
    expect(view.sets[0].options[0]).toMatchObject({ visible: true, ...flags });
    expect(view).toMatchObject({ status: 'OPEN', current: true, canGoBack: true, optional: false });
    const problems = checkAnswers(w.model, state, w.step('target'), {});
    expect(problems.map((p) => p.code)).toEqual(codes);
  });
});

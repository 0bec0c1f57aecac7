import { exportWizardDefinition } from '../../src/definitions/export-wizard-definition';
import { DefinitionError } from '../../src/definitions/insert-wizard-definition';
import type { WizardModel } from '../../src/definitions/wizard-model';

/** Rows as loadWizardModel reads them, nulls included: two steps, a set each, two options. */
function model(): WizardModel {
  const step = (id: number, key: string) => ({ id, key, name: key, title: null, isActive: true });
  const set = (id: number, stepId: number, key: string) => ({
    id,
    stepId,
    key,
    name: key,
    maxSelections: null,
  });
  const option = (id: number, setId: number, key: string) => ({
    id,
    setId,
    key,
    label: key,
    price: '0.00',
  });
  return {
    wizard: {
      id: 1,
      key: 'w',
      name: 'W',
      description: null,
      version: '1.0',
      publishedAt: new Date(),
    },
    steps: [step(10, 'one'), step(20, 'two')],
    optionSets: [set(100, 10, 'first'), set(200, 20, 'second')],
    options: [option(1000, 100, 'a'), option(1001, 100, 'b'), option(2000, 200, 'c')],
    optionDependencies: [
      { optionId: 2000, type: 'SHOW_IF', dependsOnStepId: 10, dependsOnOptionId: 1000 },
    ],
    setDependencies: [],
    flowRules: [
      {
        fromStepId: 10,
        fromOptionId: 1001,
        toStepId: 20,
        conditionType: 'REQUIRED',
        conditionExpression: null,
        priority: 0,
        isActive: true,
        name: null,
      },
    ],
  } as unknown as WizardModel;
}

function failure(change: (m: WizardModel) => void): DefinitionError {
  const m = model();
  change(m);
  try {
    exportWizardDefinition(m);
  } catch (error) {
    if (error instanceof DefinitionError) return error;
    throw error;
  }
  throw new Error('the export did not fail');
}

describe('exportWizardDefinition', () => {
  it('names everything by key and leaves out nulls, defaults and the published state', () => {
    expect(exportWizardDefinition(model())).toEqual({
      formatVersion: 1,
      key: 'w',
      name: 'W',
      steps: [
        {
          key: 'one',
          name: 'one',
          optionSets: [
            {
              key: 'first',
              name: 'first',
              options: [
                { key: 'a', label: 'a' },
                { key: 'b', label: 'b' },
              ],
            },
          ],
        },
        {
          key: 'two',
          name: 'two',
          optionSets: [
            {
              key: 'second',
              name: 'second',
              options: [
                {
                  key: 'c',
                  label: 'c',
                  dependencies: [
                    { type: 'SHOW_IF', on: { step: 'one', set: 'first', option: 'a' } },
                  ],
                },
              ],
            },
          ],
        },
      ],
      flowRules: [{ from: 'one', fromOption: { set: 'first', option: 'b' }, to: 'two' }],
    });
  });

  it.each([
    [
      'a dependency source outside the wizard',
      (m: any) => (m.optionDependencies[0].dependsOnOptionId = 9),
      'steps[1].optionSets[0].options[0].dependencies[0].on',
      'not in this wizard',
    ],
    [
      'a dependency whose step is not its option’s',
      (m: any) => (m.optionDependencies[0].dependsOnStepId = 20),
      'steps[1].optionSets[0].options[0].dependencies[0].on',
      'not on step 20',
    ],
    [
      'a fromOption on another step',
      (m: any) => (m.flowRules[0].fromOptionId = 2000),
      'flowRules[0].fromOption',
      'not on step 10',
    ],
    [
      'a rule to a step of another wizard',
      (m: any) => (m.flowRules[0].toStepId = 30),
      'flowRules[0].to',
      'step 30',
    ],
  ])('refuses %s with the document path', (_case, change, path, message) => {
    const error = failure(change);
    expect(error.path).toBe(path);
    expect(error.message).toContain(message);
  });
});

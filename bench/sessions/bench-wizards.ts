// The wizards of the run: the session tests' three-step linear wizard (one required SINGLE set
// of two options per step) that the clients run, and a second one for part of the stored
// sessions, whose middle step is optional so that stored sessions may skip it.
import type { WizardDefinition } from '../../src/definitions/wizard-definition';
import { linearWizard } from '../../test/fixtures/session-wizards';
import type { WizardIds } from '../../test/helpers/sessions';
import type { StepChoices } from './client-loop';

export const STEP_KEYS = ['one', 'two', 'three'] as const;
export const SET_KEY = 'pick';
export const OPTION_KEYS = ['a', 'b'] as const;

/** What the clients run. */
export const MEASURED_WIZARD: WizardDefinition = {
  ...linearWizard,
  key: 'bench-sessions',
  name: 'Bench sessions',
};

/** Only stored sessions use it: the store is not all one wizard's. */
export const OTHER_WIZARD: WizardDefinition = {
  ...linearWizard,
  key: 'bench-sessions-other',
  name: 'Bench sessions (other)',
  steps: linearWizard.steps.map((step) =>
    step.key === 'two' ? { ...step, isRequired: false } : step,
  ),
};

/** The measured wizard's steps in order, each with the choices a client may make on it. */
export function stepChoices(ids: WizardIds): StepChoices {
  return STEP_KEYS.map((step) =>
    OPTION_KEYS.map((option) => {
      const choice = {
        stepId: ids.step[step],
        setId: ids.set[`${step}.${SET_KEY}`],
        optionId: ids.option[`${step}.${SET_KEY}.${option}`],
      };
      if (!choice.stepId || !choice.setId || !choice.optionId)
        throw new Error(`the wizard has no ${step}.${SET_KEY}.${option}`);
      return choice;
    }),
  );
}

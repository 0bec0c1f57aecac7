// The wizards of the run: the session tests' three-step linear wizard (one required SINGLE set
// of two options per step) that the clients run, and a second one for part of the stored
// sessions, whose middle step is optional so that stored sessions may skip it.
import type { WizardDefinition } from '../../src/definitions/wizard-definition';
import { linearWizard } from '../../test/fixtures/session-wizards';

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

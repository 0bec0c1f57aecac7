import type { WizardDefinition } from '../../src/definitions/wizard-definition';
import type { WizardModel } from '../../src/definitions/wizard-model';
import type { FileAnswer, SetAnswer, StepAnswers } from '../../src/runtime';
import { wizardModelFromDefinition } from './wizard-model';

/** A WizardModel plus lookups by key, for runtime tests. */
export interface TestWizard {
  model: WizardModel;
  step: (key: string) => number;
  set: (step: string, set: string) => number;
  option: (step: string, set: string, option: string) => number;
  /** Answers of one step: `{ set: ['opt', …] | 'text' | file }` by set key. */
  answers: (step: string, bySet: Record<string, string[] | string | FileAnswer>) => StepAnswers;
}

export function testWizard(definition: WizardDefinition): TestWizard {
  const model = wizardModelFromDefinition(definition);
  const step = (key: string) => {
    const found = model.steps.find((row) => row.key === key);
    if (!found) throw new Error(`no step ${key}`);
    return found.id;
  };
  const set = (stepKey: string, setKey: string) => {
    const found = model.optionSets.find(
      (row) => row.stepId === step(stepKey) && row.key === setKey,
    );
    if (!found) throw new Error(`no set ${stepKey}.${setKey}`);
    return found.id;
  };
  const option = (stepKey: string, setKey: string, optionKey: string) => {
    const setId = set(stepKey, setKey);
    const found = model.options.find((row) => row.setId === setId && row.key === optionKey);
    if (!found) throw new Error(`no option ${stepKey}.${setKey}.${optionKey}`);
    return found.id;
  };
  const answers = (stepKey: string, bySet: Record<string, string[] | string | FileAnswer>) => {
    const result: Record<number, SetAnswer> = {};
    for (const [setKey, given] of Object.entries(bySet)) {
      const setId = set(stepKey, setKey);
      result[setId] = Array.isArray(given)
        ? { setId, optionIds: given.map((key) => option(stepKey, setKey, key)) }
        : { setId, value: given };
    }
    return result;
  };
  return { model, step, set, option, answers };
}

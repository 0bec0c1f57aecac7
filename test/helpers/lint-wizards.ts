import type {
  FlowRuleDefinition,
  OptionSetDefinition,
  StepDefinition,
  WizardDefinition,
} from '../../src/definitions/wizard-definition';
import type { WizardModel } from '../../src/definitions/wizard-model';
import { lintWizard, type LintFinding } from '../../src/authoring/lint';
import { wizardModelFromDefinition } from './wizard-model';

/** A required SINGLE set `pick` with options `a` and `b`. */
export function pickSet(overrides: Partial<OptionSetDefinition> = {}): OptionSetDefinition {
  return {
    key: 'pick',
    name: 'Pick',
    isRequired: true,
    options: [
      { key: 'a', label: 'A' },
      { key: 'b', label: 'B' },
    ],
    ...overrides,
  };
}

/** Steps with these keys, each with one pickSet(). */
export function steps(...keys: string[]): StepDefinition[] {
  return keys.map((key) => ({ key, name: key.toUpperCase(), optionSets: [pickSet()] }));
}

export function wizard(
  stepDefinitions: StepDefinition[],
  flowRules: FlowRuleDefinition[] = [],
): WizardDefinition {
  return { key: 'lint_case', name: 'Lint case', steps: stepDefinitions, flowRules };
}

/** The model of a definition, changed by `edit` (for what a definition cannot express). */
export function model(definition: WizardDefinition, edit?: (m: WizardModel) => void): WizardModel {
  const built = wizardModelFromDefinition(definition);
  edit?.(built);
  return built;
}

export const lint = (definition: WizardDefinition, edit?: (m: WizardModel) => void) =>
  lintWizard(model(definition, edit));

export const codes = (findings: LintFinding[]): string[] => findings.map((f) => f.code);

/** The one finding with this code; fails when there is not exactly one. */
export function only(findings: LintFinding[], code: string): LintFinding {
  const matching = findings.filter((f) => f.code === code);
  if (matching.length !== 1)
    throw new Error(`${matching.length} ${code} in ${codes(findings).join()}`);
  return matching[0];
}

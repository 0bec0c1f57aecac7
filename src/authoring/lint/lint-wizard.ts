import type { WizardModel } from '../../definitions/wizard-model';
import { dependencyFindings } from './dependency-findings';
import { flowFindings } from './flow-findings';
import type { LintFinding } from './lint-finding';
import { ruleFindings } from './rule-findings';
import { setFindings } from './set-findings';
import { indexWizard } from './wizard-index';

/**
 * The logic check of one wizard: unreachable steps, loops without exit, broken or ambiguous flow
 * rules and conditions, misplaced or contradictory dependencies, sets that cannot be answered.
 * Pure: reads the model only. Errors first, then warnings, each by code.
 */
export function lintWizard(model: WizardModel): LintFinding[] {
  const index = indexWizard(model);
  const findings = [
    ...flowFindings(index),
    ...ruleFindings(index),
    ...dependencyFindings(index),
    ...setFindings(index),
  ];
  const rank = (finding: LintFinding) => (finding.severity === 'ERROR' ? 0 : 1);
  return findings.sort((a, b) => rank(a) - rank(b) || a.code.localeCompare(b.code));
}

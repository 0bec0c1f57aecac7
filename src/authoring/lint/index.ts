export { lintWizard } from './lint-wizard';
export { LINT_CODES, type LintCode } from './lint-codes';
export type { LintEntity, LintFinding, LintRef, LintSeverity } from './lint-finding';

import { LINT_CODES, type LintCode } from './lint-codes';

export type LintSeverity = 'ERROR' | 'WARNING';

/** The kinds of row a finding can point at. */
export type LintEntity =
  | 'STEP'
  | 'OPTION_SET'
  | 'OPTION'
  | 'FLOW_RULE'
  | 'OPTION_DEPENDENCY'
  | 'SET_DEPENDENCY';

/** One row a finding is about (ids of option and set dependencies overlap, hence the entity). */
export interface LintRef {
  entity: LintEntity;
  id: number;
}

/**
 * A problem in a wizard's logic. ERROR: sessions can get stuck or the wizard does something its
 * author cannot have meant; WARNING: dead or fragile structure. `code` is stable (see LINT_CODES).
 */
export interface LintFinding {
  severity: LintSeverity;
  code: LintCode;
  message: string;
  refs: LintRef[];
}

/** A finding with the severity its code has. */
export function finding(code: LintCode, message: string, refs: LintRef[]): LintFinding {
  return { severity: LINT_CODES[code].severity, code, message, refs };
}

export const stepRef = (id: number): LintRef => ({ entity: 'STEP', id });
export const setRef = (id: number): LintRef => ({ entity: 'OPTION_SET', id });
export const optionRef = (id: number): LintRef => ({ entity: 'OPTION', id });
export const ruleRef = (id: number): LintRef => ({ entity: 'FLOW_RULE', id });

import type { LintSeverity } from './lint-finding';

interface CodeInfo {
  severity: LintSeverity;
  /** What the finding means, for authors and the README. */
  meaning: string;
}

/** Every finding code of the logic check with its severity. Codes never change meaning. */
export const LINT_CODES = {
  NO_ACTIVE_STEPS: {
    severity: 'ERROR',
    meaning: 'The wizard has no active step, so a session has nothing to show.',
  },
  STEP_UNREACHABLE: {
    severity: 'WARNING',
    meaning: 'No path of flow rules and default order leads from the first active step here.',
  },
  FLOW_LOOP_NO_EXIT: {
    severity: 'ERROR',
    meaning: 'Reachable steps from which the wizard can never be completed: every path loops back.',
  },
  RULE_STEP_NOT_IN_WIZARD: {
    severity: 'ERROR',
    meaning: 'A flow rule leaves from or leads to a step of another wizard (or no step).',
  },
  RULE_TARGET_INACTIVE: {
    severity: 'ERROR',
    meaning: 'An active flow rule leads to an inactive step.',
  },
  RULE_FROM_INACTIVE_STEP: {
    severity: 'WARNING',
    meaning: 'An active flow rule leaves from an inactive step, so it never fires.',
  },
  RULE_OPTION_NOT_ON_STEP: {
    severity: 'ERROR',
    meaning: "A flow rule's from-option is not an option of its from-step.",
  },
  RULE_OPTION_INACTIVE: {
    severity: 'WARNING',
    meaning: "A flow rule's from-option (or its set) is inactive, so the rule never fires.",
  },
  RULE_CONDITION_MISSING: {
    severity: 'ERROR',
    meaning: 'A CONDITIONAL flow rule has no condition.',
  },
  RULE_CONDITION_INVALID: {
    severity: 'ERROR',
    meaning:
      'A condition fails the check: syntax, unknown step or set, type error, not a bool, limits.',
  },
  RULE_CONDITION_IGNORED: {
    severity: 'WARNING',
    meaning: 'A REQUIRED or OPTIONAL flow rule has a condition, which only CONDITIONAL rules use.',
  },
  RULE_PRIORITY_TIE: {
    severity: 'WARNING',
    meaning:
      'Active rules from the same step and from-option (or both without) share a priority: ' +
      'which is tried first is undefined.',
  },
  RULE_SHADOWED: {
    severity: 'WARNING',
    meaning:
      'A rule ranks below a REQUIRED or OPTIONAL rule without from-option of the same step, ' +
      'which always fires first, so it never fires.',
  },
  DEPENDENCY_SOURCE_NOT_IN_WIZARD: {
    severity: 'ERROR',
    meaning: "A dependency's source step or option belongs to another wizard (or does not exist).",
  },
  DEPENDENCY_OPTION_NOT_ON_STEP: {
    severity: 'ERROR',
    meaning: "A dependency's source option is not an option of its source step.",
  },
  DEPENDENCY_SOURCE_NOT_EARLIER: {
    severity: 'ERROR',
    meaning:
      "A dependency's source step is the target's own step or a later one (by step order), " +
      'so its answer is not known when the target is shown.',
  },
  DEPENDENCY_SOURCE_INACTIVE: {
    severity: 'WARNING',
    meaning: "A dependency's source step, set or option is inactive, so it is never selected.",
  },
  DEPENDENCY_SHOW_AND_HIDE: {
    severity: 'ERROR',
    meaning: 'An option or set is both SHOW_IF and HIDE_IF on the same source option.',
  },
  REQUIRED_SET_NOT_ANSWERABLE: {
    severity: 'ERROR',
    meaning:
      'A required SINGLE or MULTIPLE set (is_required, or min_selections > 0) has no active, ' +
      'enabled option.',
  },
  REQUIRED_SET_MAY_BE_EMPTIED: {
    severity: 'WARNING',
    meaning:
      'Every selectable option of a required set has a SHOW_IF, HIDE_IF or DISABLE_IF ' +
      'dependency, so some answers may leave nothing to choose.',
  },
  MIN_SELECTIONS_EXCEED_OPTIONS: {
    severity: 'ERROR',
    meaning: 'A MULTIPLE set needs more selections than it has active, enabled options.',
  },
  SELECTION_BOUNDS_INVALID: {
    severity: 'ERROR',
    meaning: 'A set has max_selections below min_selections, so no answer is valid.',
  },
  CHOICE_SET_WITHOUT_OPTIONS: {
    severity: 'WARNING',
    meaning: 'An optional SINGLE or MULTIPLE set has no active option.',
  },
  SINGLE_SET_SEVERAL_DEFAULTS: {
    severity: 'WARNING',
    meaning:
      'A SINGLE set marks more than one active option as its default; one answer allows one.',
  },
} as const satisfies Record<string, CodeInfo>;

export type LintCode = keyof typeof LINT_CODES;

import { safeRegex } from 'safe-regex2';
import { compilePattern } from '../../runtime/value-rules';
import { SelectionType } from '../../entities/enums';
import type { FieldProblem } from '../../errors/error-code';

/** TEXT_INPUT: the length of the text and a pattern it must match (`RegExp(pattern, 'u')`). */
export interface TextInputRules {
  minLength?: number;
  maxLength?: number;
  pattern?: string;
}

/** DATE_PICKER: the earliest and latest date (`YYYY-MM-DD`, inclusive). */
export interface DatePickerRules {
  min?: string;
  max?: string;
}

/** FILE_UPLOAD: accepted media types (`type/subtype` or `type/*`) and the largest size. */
export interface FileUploadRules {
  mimeTypes?: string[];
  maxBytes?: number;
}

/**
 * The `validationRules` shape of each selection type. SINGLE and MULTIPLE take none: how many
 * options are chosen is the set's own minSelections / maxSelections columns, the one source.
 */
export interface ValidationRulesByType {
  [SelectionType.SINGLE]: Record<string, never>;
  [SelectionType.MULTIPLE]: Record<string, never>;
  [SelectionType.TEXT_INPUT]: TextInputRules;
  [SelectionType.DATE_PICKER]: DatePickerRules;
  [SelectionType.FILE_UPLOAD]: FileUploadRules;
}
export type ValidationRules = ValidationRulesByType[SelectionType];

export const MAX_TEXT_LENGTH = 10_000;
export const MAX_PATTERN_LENGTH = 200;
export const MAX_MIME_TYPES = 50;
export const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

const FIELD = 'validationRules';
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** RFC 6838 restricted names; the subtype may be `*` (any subtype of the type). */
const MIME_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/(\*|[a-z0-9][a-z0-9!#$&^_.+-]{0,126})$/i;

type Rules = Record<string, unknown>;
type KeyCheck = (value: unknown, rules: Rules) => string | null;

function integerIn(min: number, max: number): (value: unknown) => string | null {
  return (value) =>
    Number.isInteger(value) && (value as number) >= min && (value as number) <= max
      ? null
      : `must be an integer from ${min} to ${max}`;
}

function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function checkPattern(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_PATTERN_LENGTH) {
    return `must be a string of 1 to ${MAX_PATTERN_LENGTH} characters`;
  }
  try {
    new RegExp(value, 'u');
  } catch {
    return 'must be a valid regular expression (JavaScript, with the u flag)';
  }
  // Answers are matched with RE2 (linear time): no lookaround and no backreferences.
  if (!compilePattern(value))
    return 'must also be valid for RE2, which matches answers: no lookaround, no backreferences';
  // Values are matched on the server, so a pattern that could stall it is refused. safe-regex2 is
  // conservative: any quantifier (even `?`) on a group that holds one counts as nested.
  return safeRegex(value)
    ? null
    : 'may backtrack catastrophically: no quantifier may apply to a group containing one, ' +
        'and at most 25 quantifiers';
}

function checkMimeTypes(value: unknown): string | null {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_MIME_TYPES) {
    return `must be a list of 1 to ${MAX_MIME_TYPES} media types`;
  }
  const bad = value.findIndex((item) => typeof item !== 'string' || !MIME_TYPE.test(item));
  return bad < 0 ? null : `item ${bad} must be a media type such as "image/png" or "image/*"`;
}

const TEXT_INPUT: Record<string, KeyCheck> = {
  minLength: integerIn(0, MAX_TEXT_LENGTH),
  maxLength: (value, rules) =>
    integerIn(1, MAX_TEXT_LENGTH)(value) ??
    (Number.isInteger(rules.minLength) && (value as number) < (rules.minLength as number)
      ? 'must not be less than minLength'
      : null),
  pattern: checkPattern,
};

const DATE_PICKER: Record<string, KeyCheck> = {
  min: (value) => (isCalendarDate(value) ? null : 'must be a date written YYYY-MM-DD'),
  max: (value, rules) =>
    !isCalendarDate(value)
      ? 'must be a date written YYYY-MM-DD'
      : isCalendarDate(rules.min) && value < rules.min
        ? 'must not be before min'
        : null,
};

const FILE_UPLOAD: Record<string, KeyCheck> = {
  mimeTypes: checkMimeTypes,
  maxBytes: integerIn(1, MAX_UPLOAD_BYTES),
};

const KEYS_BY_TYPE: Record<SelectionType, Record<string, KeyCheck>> = {
  [SelectionType.SINGLE]: {},
  [SelectionType.MULTIPLE]: {},
  [SelectionType.TEXT_INPUT]: TEXT_INPUT,
  [SelectionType.DATE_PICKER]: DATE_PICKER,
  [SelectionType.FILE_UPLOAD]: FILE_UPLOAD,
};

function unknownKey(type: SelectionType, key: string): string {
  if (type === SelectionType.MULTIPLE && (key === 'minSelections' || key === 'maxSelections')) {
    return `is not a rule; set the option set's ${key} field instead`;
  }
  const known = Object.keys(KEYS_BY_TYPE[type]);
  return known.length === 0
    ? `is not a rule of ${type} sets, which take none`
    : `is not a rule of ${type} sets (allowed: ${known.join(', ')})`;
}

/**
 * What is wrong with `rules` for a set answered as `type`, one problem per key, each naming its
 * path (`validationRules.pattern`). Null and `{}` mean "no rules" for every type.
 */
export function checkValidationRules(type: SelectionType, rules: unknown): FieldProblem[] {
  if (rules === null || rules === undefined) return [];
  if (typeof rules !== 'object' || Array.isArray(rules)) {
    return [{ field: FIELD, message: 'must be an object or null' }];
  }
  const checks = KEYS_BY_TYPE[type];
  return Object.entries(rules as Rules).flatMap(([key, value]) => {
    const check = Object.hasOwn(checks, key) ? checks[key] : undefined;
    const message = check ? check(value, rules as Rules) : unknownKey(type, key);
    return message ? [{ field: `${FIELD}.${key}`, message }] : [];
  });
}

import { RE2JS } from 're2js';
import type { WizardOptionSet } from '../entities';
import { SelectionType } from '../entities/enums';
import { BoundedCache } from '../rules/bounded-cache';
import type { FileAnswer } from '../rules';
import type { ProblemCode } from './types';

/** Longest text accepted whatever the rules say; checked before any pattern runs. */
export const MAX_TEXT_LENGTH = 10_000;
/** Longest additional input for a `requiresInput` option. */
export const MAX_ADDITIONAL_INPUT_LENGTH = 1_000;
const MAX_FILE_NAME_LENGTH = 255;

export type ValueProblem = { code: ProblemCode; message: string };

const patterns = new BoundedCache<string, RE2JS | null>(500);

/**
 * Patterns run on RE2 (re2js, pure JavaScript): matching takes time linear in the text, whatever
 * the pattern, so no answer can stall the server. Authoring accepts only patterns that are valid
 * both as a JavaScript RegExp (clients use them) and for RE2.
 */
export function compilePattern(source: string): RE2JS | null {
  return patterns.getOrCreate(source, () => {
    try {
      return RE2JS.compile(source);
    } catch {
      return null;
    }
  });
}

const numberRule = (rules: Record<string, unknown>, key: string): number | undefined =>
  typeof rules[key] === 'number' ? rules[key] : undefined;

const stringRule = (rules: Record<string, unknown>, key: string): string | undefined =>
  typeof rules[key] === 'string' ? rules[key] : undefined;

/** TEXT_INPUT: length bounded first (so patterns only ever see bounded input), then the rules. */
export function checkText(text: string, rules: Record<string, unknown>): ValueProblem[] {
  const max = Math.min(numberRule(rules, 'maxLength') ?? MAX_TEXT_LENGTH, MAX_TEXT_LENGTH);
  if (text.length > max * 2 || [...text].length > max)
    return [{ code: 'MAX_LENGTH', message: `At most ${max} characters.` }];
  const min = numberRule(rules, 'minLength');
  if (min !== undefined && [...text].length < min)
    return [{ code: 'MIN_LENGTH', message: `At least ${min} characters.` }];
  const pattern = stringRule(rules, 'pattern');
  if (pattern === undefined) return [];
  const regexp = compilePattern(pattern);
  if (!regexp) return [{ code: 'RULE_INVALID', message: 'The pattern of this set is invalid.' }];
  return regexp.matcher(text).find()
    ? []
    : [{ code: 'PATTERN', message: 'Not in the expected format.' }];
}

/** A real calendar date written YYYY-MM-DD (so 2025-02-30 is refused). */
export function isIsoDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

/** DATE_PICKER: same-format strings compare in calendar order. */
export function checkDate(text: string, rules: Record<string, unknown>): ValueProblem[] {
  if (!isIsoDate(text))
    return [{ code: 'DATE_FORMAT', message: 'Not a real date written YYYY-MM-DD.' }];
  const min = stringRule(rules, 'min');
  const max = stringRule(rules, 'max');
  if ((min !== undefined && text < min) || (max !== undefined && text > max)) {
    const range = `${min ?? 'any date'} to ${max ?? 'any date'}`;
    return [{ code: 'DATE_RANGE', message: `The date must be from ${range}.` }];
  }
  return [];
}

/** `image/*` matches every image type; `*` or `*\/*` any type. */
export function mimeTypeMatches(mimeType: string, accepted: string): boolean {
  const [type, subtype] = mimeType.toLowerCase().split('/');
  const [wantType, wantSubtype = '*'] = accepted.toLowerCase().trim().split('/');
  if (wantType === '*') return true;
  return wantType === type && (wantSubtype === '*' || wantSubtype === subtype);
}

export function isFileAnswer(value: unknown): value is FileAnswer {
  const file = value as Partial<FileAnswer> | null;
  return (
    typeof file === 'object' &&
    file !== null &&
    typeof file.name === 'string' &&
    typeof file.mimeType === 'string' &&
    Number.isSafeInteger(file.bytes)
  );
}

/** FILE_UPLOAD: metadata only; the name and type must be sensible, then mimeTypes and maxBytes. */
export function checkFile(file: FileAnswer, rules: Record<string, unknown>): ValueProblem[] {
  if (
    !file.name.trim() ||
    file.name.length > MAX_FILE_NAME_LENGTH ||
    !/^[\w.+-]+\/[\w.+-]+$/.test(file.mimeType) ||
    file.bytes < 0
  )
    return [{ code: 'FILE_INVALID', message: 'A file needs a name, a MIME type and a size.' }];
  const accepted = Array.isArray(rules.mimeTypes)
    ? rules.mimeTypes.filter((type): type is string => typeof type === 'string')
    : undefined;
  if (accepted && !accepted.some((type) => mimeTypeMatches(file.mimeType, type)))
    return [{ code: 'MIME_TYPE', message: `Accepted types: ${accepted.join(', ')}.` }];
  const maxBytes = numberRule(rules, 'maxBytes');
  if (maxBytes !== undefined && file.bytes > maxBytes)
    return [{ code: 'TOO_LARGE', message: `At most ${maxBytes} bytes.` }];
  return [];
}

/** The checks of a value set for a value of the right kind; WRONG_KIND otherwise. */
export function checkValue(set: WizardOptionSet, value: unknown): ValueProblem[] {
  const rules = set.validationRules ?? {};
  const wrongKind = (what: string): ValueProblem[] => [
    { code: 'WRONG_KIND', message: `This set takes ${what}.` },
  ];
  if (set.selectionType === SelectionType.FILE_UPLOAD)
    return isFileAnswer(value) ? checkFile(value, rules) : wrongKind('file metadata');
  if (typeof value !== 'string') return wrongKind('a text value');
  return set.selectionType === SelectionType.DATE_PICKER
    ? checkDate(value, rules)
    : checkText(value, rules);
}

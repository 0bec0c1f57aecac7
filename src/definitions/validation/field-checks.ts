/** Checks one value of a definition document: the problem's message, or undefined when fine. */
export type FieldCheck = (value: unknown) => string | undefined;

const LONE_SURROGATE = /\p{Surrogate}/u;

/** PostgreSQL refuses NUL in text and jsonb; a lone surrogate cannot be stored as UTF-8. */
const unstorable = (text: string) => text.includes('\u0000') || LONE_SURROGATE.test(text);

// Lengths are counted in characters (code points), as VARCHAR(n) counts them.
const characters = (text: string) => [...text].length;

export function text(max: number, min = 0): FieldCheck {
  return (value) => {
    if (typeof value !== 'string') return 'must be a string';
    if (unstorable(value)) return 'must not contain NUL characters or lone surrogates';
    const length = characters(value);
    if (length < min) return min === 1 ? 'must not be empty' : `must be at least ${min} characters`;
    if (length > max) return `must be at most ${max} characters (it has ${length})`;
    return undefined;
  };
}

export function key(pattern: RegExp, message: string): FieldCheck {
  return (value) => {
    if (typeof value !== 'string') return 'must be a string';
    return pattern.test(value) ? undefined : message;
  };
}

export const flag: FieldCheck = (value) =>
  typeof value === 'boolean' ? undefined : 'must be true or false';

export function integer(min: number, max: number): FieldCheck {
  return (value) => {
    if (typeof value !== 'number' || !Number.isInteger(value)) return 'must be an integer';
    return value < min || value > max ? `must be between ${min} and ${max}` : undefined;
  };
}

export function oneOf(values: Record<string, string>): FieldCheck {
  const allowed = Object.values(values);
  return (value) =>
    typeof value === 'string' && allowed.includes(value)
      ? undefined
      : `must be one of ${allowed.join(', ')}`;
}

export function exactly(expected: number): FieldCheck {
  return (value) => (value === expected ? undefined : `must be ${expected}`);
}

/** DECIMAL(10,2): up to 8 integer digits (no leading zeros) and up to 2 fraction digits. */
const PRICE = /^(0|[1-9]\d{0,7})(\.\d{1,2})?$/;

export const price: FieldCheck = (value) => {
  if (typeof value !== 'string') return 'must be a decimal string such as "149.00"';
  return PRICE.test(value)
    ? undefined
    : 'must be a non-negative amount below 100000000 with at most 2 decimals, such as "149.00"';
};

export function list(max: number): FieldCheck {
  return (value) => {
    if (!Array.isArray(value)) return 'must be a list';
    return value.length > max
      ? `must have at most ${max} entries (it has ${value.length})`
      : undefined;
  };
}

export const object: FieldCheck = (value) => (isRecord(value) ? undefined : 'must be an object');

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const MAX_JSON_DEPTH = 10;

/** Why a free-form JSON value cannot be stored as jsonb and read back the same, if it cannot. */
function jsonProblem(value: unknown, depth: number): string | undefined {
  if (value === null || typeof value === 'boolean') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : 'holds a non-number';
  if (typeof value === 'string') {
    return unstorable(value) ? 'holds NUL characters or lone surrogates' : undefined;
  }
  const entries = Array.isArray(value)
    ? value.map((item) => ['', item] as const)
    : isRecord(value)
      ? Object.entries(value)
      : undefined;
  if (!entries) return 'holds a value JSON cannot represent';
  if (depth > MAX_JSON_DEPTH) return `must nest lists and objects at most ${MAX_JSON_DEPTH} deep`;
  for (const [name, item] of entries) {
    if (unstorable(name)) return 'holds a name with NUL characters or lone surrogates';
    const problem = jsonProblem(item, depth + 1);
    if (problem) return problem;
  }
  return undefined;
}

/** A free-form JSON object (validationRules, metadata), stored as jsonb. */
export const jsonObject: FieldCheck = (value) =>
  isRecord(value) ? jsonProblem(value, 1) : 'must be a JSON object';

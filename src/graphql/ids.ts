import { badUserInput } from '../errors/error-code';

const MAX_SERIAL = 2_147_483_647;

/** Our ids are the seed's SERIAL keys; anything else cannot name a row and is refused. */
export function parseId(value: string | number, field = 'id'): number {
  const text = String(value);
  const id = /^[1-9]\d{0,9}$/.test(text) ? Number(text) : NaN;
  if (!(id <= MAX_SERIAL)) {
    throw badUserInput(`${field} must be a positive integer id`, [
      { field, message: 'must be a positive integer id' },
    ]);
  }
  return id;
}

/** An optional id argument: null when absent, parsed (or BAD_USER_INPUT) when given. */
export function parseOptionalId(value: string | null | undefined, field: string): number | null {
  return value == null ? null : parseId(value, field);
}

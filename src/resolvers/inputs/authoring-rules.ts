import { Matches, ValidateBy, ValidateIf } from 'class-validator';

import { ITEM_KEY, WIZARD_KEY } from '../../definitions/keys';

export { ITEM_KEY, WIZARD_KEY };

export const WizardKey = () =>
  Matches(WIZARD_KEY, {
    message:
      'must be 1 to 100 lower-case letters, digits, "_" or "-", starting with a letter or digit',
  });

export const ItemKey = () =>
  Matches(ITEM_KEY, {
    message: 'must be 1 to 100 lower-case letters, digits or "_", starting with a letter',
  });

/**
 * For update inputs: an omitted field is left as it is, but a field that cannot be empty may not
 * be set to null either (the other validators then reject null).
 */
export const UnlessOmitted = () => ValidateIf((_object, value) => value !== undefined);

/** DECIMAL(10,2): at most 8 integer digits; the Decimal scalar already limits the decimals. */
const PRICE = /^\d{1,8}(\.\d{1,2})?$/;

/** A price: a non-negative Decimal that fits the DECIMAL(10,2) column. */
export const Price = () =>
  ValidateBy({
    name: 'price',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && PRICE.test(value),
      defaultMessage: () =>
        'must be a non-negative amount below 100000000 with at most two decimals',
    },
  });

/** A JSON value whose serialised form fits in `bytes` (UTF-8), so rows stay small. */
export const JsonMaxBytes = (bytes: number) =>
  ValidateBy({
    name: 'jsonMaxBytes',
    constraints: [bytes],
    validator: {
      validate: (value: unknown) => Buffer.byteLength(JSON.stringify(value) ?? '') <= bytes,
      defaultMessage: () => `must be at most ${bytes} bytes as JSON`,
    },
  });

/** The value is not above the sibling field `other` (when both are given). */
export const NotAbove = (other: string) =>
  ValidateBy({
    name: 'notAbove',
    constraints: [other],
    validator: {
      validate: (value: unknown, args) => {
        const limit = (args?.object as Record<string, unknown> | undefined)?.[other];
        return typeof value !== 'number' || typeof limit !== 'number' || value <= limit;
      },
      defaultMessage: () => `must not be greater than ${other}`,
    },
  });

import { Matches, ValidateIf } from 'class-validator';

/** Wizard keys appear in URLs: lower-case letters, digits, `_` and `-`, up to 100 characters. */
export const WIZARD_KEY = /^[a-z0-9][a-z0-9_-]{0,99}$/;
/**
 * Step, set and option keys are named in flow conditions (`answers.<step>.<set>`), so they are CEL
 * identifiers: a lower-case letter, then lower-case letters, digits and `_`, up to 100 characters.
 */
export const ITEM_KEY = /^[a-z][a-z0-9_]{0,99}$/;

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

/** Wizard keys appear in URLs: lower-case letters, digits, `_` and `-`, up to 100 characters. */
export const WIZARD_KEY = /^[a-z0-9][a-z0-9_-]{0,99}$/;

/**
 * Step, set and option keys are named in flow conditions (`answers.<step>.<set>`), so they are CEL
 * identifiers: a lower-case letter, then lower-case letters, digits and `_`, up to 100 characters.
 */
export const ITEM_KEY = /^[a-z][a-z0-9_]{0,99}$/;

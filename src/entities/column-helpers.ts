import type { ValueTransformer } from 'typeorm';

/** The seed's `DEFAULT CURRENT_TIMESTAMP`, written as TypeORM's raw default. */
export const currentTimestamp = (): string => 'CURRENT_TIMESTAMP';

/**
 * The seed leaves most defaulted columns nullable. A NULL in a value column (an order, a count, a
 * price, a type) is read back as the column's default, so the GraphQL field can be non-null without
 * a per-field resolver. Boolean flags use nullAsFalse instead.
 */
export function nullAsDefault<T extends string | number | boolean>(fallback: T): NullAsDefault<T> {
  return {
    fallback,
    from: (value: T | null): T => value ?? fallback,
    to: (value: T | undefined): T | undefined => value,
  };
}

/**
 * A flag is on only when it is TRUE: a NULL flag reads as false. That is how the seed's own views
 * test flags (`is_active = TRUE` in v_wizard_overview), so lists, counts and fields agree.
 */
export const nullAsFalse = nullAsDefault(false);

/** A nullAsDefault transformer; `fallback` lets raw-SQL readers apply it as COALESCE. */
export interface NullAsDefault<T> extends ValueTransformer {
  readonly fallback: T;
}

export function isNullAsDefault(value: unknown): value is NullAsDefault<string | number | boolean> {
  return typeof value === 'object' && value !== null && 'fallback' in value;
}

/** Reads BIGINT counts (COUNT(*) in views) as numbers; they never approach 2^53 here. */
export const bigintAsNumber: ValueTransformer = {
  from: (value: string | number | null): number => Number(value ?? 0),
  to: (value: number | undefined) => value,
};

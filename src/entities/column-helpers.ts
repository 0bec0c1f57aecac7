import type { ValueTransformer } from 'typeorm';

/** The seed's `DEFAULT CURRENT_TIMESTAMP`, written as TypeORM's raw default. */
export const currentTimestamp = (): string => 'CURRENT_TIMESTAMP';

/**
 * The seed leaves most defaulted columns nullable. A NULL there can only mean "the default", so it is
 * read back as the default: the GraphQL field can then be non-null without a per-field resolver.
 */
export function nullAsDefault<T extends string | number | boolean>(fallback: T): NullAsDefault<T> {
  return {
    fallback,
    from: (value: T | null): T => value ?? fallback,
    to: (value: T | undefined): T | undefined => value,
  };
}

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

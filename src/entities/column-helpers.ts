import type { ValueTransformer } from 'typeorm';

/** The seed's `DEFAULT CURRENT_TIMESTAMP`, written as TypeORM's raw default. */
export const currentTimestamp = (): string => 'CURRENT_TIMESTAMP';

/**
 * The seed leaves most defaulted columns nullable. A NULL there can only mean "the default", so it is
 * read back as the default: the GraphQL field can then be non-null without a per-field resolver.
 */
export function nullAsDefault<T>(fallback: T): ValueTransformer {
  return {
    from: (value: T | null): T => value ?? fallback,
    to: (value: T | undefined): T | undefined => value,
  };
}

/** Reads BIGINT counts (COUNT(*) in views) as numbers; they never approach 2^53 here. */
export const bigintAsNumber: ValueTransformer = {
  from: (value: string | number | null): number => Number(value ?? 0),
  to: (value: number | undefined) => value,
};

import { QueryFailedError } from 'typeorm';

/** The SQLSTATE of a failed query (e.g. 23505 unique violation), or undefined. */
export function sqlState(error: unknown): string | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  return (error.driverError as { code?: string } | undefined)?.code;
}

export const UNIQUE_VIOLATION = '23505';
export const FOREIGN_KEY_VIOLATION = '23503';

import { QueryFailedError } from 'typeorm';

/** The SQLSTATE of a failed query (e.g. 23505 unique violation), or undefined. */
export function sqlState(error: unknown): string | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  return (error.driverError as { code?: string } | undefined)?.code;
}

export const UNIQUE_VIOLATION = '23505';
export const FOREIGN_KEY_VIOLATION = '23503';
/** Text the database cannot store: U+0000 in text (22021) or as a JSON escape in jsonb (22P05). */
export const CHARACTER_NOT_IN_REPERTOIRE = '22021';
export const UNTRANSLATABLE_CHARACTER = '22P05';

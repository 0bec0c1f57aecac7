import { chmodSync, lstatSync, mkdirSync } from 'node:fs';
import { StartupError } from '../errors/startup-error';

/**
 * Where a server started by root keeps what the `postgres` OS user must reach when the project
 * itself sits under a directory that user cannot enter (such as /root): a copy of the PostgreSQL
 * binaries, and clusters whose DATA_DIR is out of its reach.
 */
export const ROOT_STATE_DIR = '/var/lib/multi-wizard-platform';

/** ROOT_STATE_DIR, created root-owned and 0755 when missing. */
export function rootStateDir(): string {
  try {
    mkdirSync(ROOT_STATE_DIR, { recursive: true, mode: 0o755 });
  } catch (error) {
    throw new StartupError(
      `Started as root, the embedded PostgreSQL needs ${ROOT_STATE_DIR} for the OS user ` +
        `"postgres", and it could not be created (${(error as Error).message}): start the ` +
        `server as a normal user, or set DATABASE_URL.`,
    );
  }
  assertRootOwned(ROOT_STATE_DIR);
  chmodSync(ROOT_STATE_DIR, 0o755);
  return ROOT_STATE_DIR;
}

/** What root hands to the postgres user must not be a link, nor writable by anyone but root. */
export function assertRootOwned(path: string): void {
  const stat = lstatSync(path);
  if (!stat.isDirectory() || stat.uid !== 0 || (stat.mode & 0o022) !== 0)
    throw new StartupError(
      `${path} must be a directory owned by root and writable by root only: remove it and ` +
        `start again.`,
    );
}

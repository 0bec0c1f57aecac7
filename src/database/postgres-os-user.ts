import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { StartupError } from '../errors/startup-error';

/** PostgreSQL refuses to run as root: started by root, it runs as this OS user. */
export const POSTGRES_OS_USER = 'postgres';

export interface OsUser {
  uid: number;
  gid: number;
}

function idOf(flag: '-u' | '-g'): number | undefined {
  try {
    const out = execFileSync('id', [flag, POSTGRES_OS_USER], { encoding: 'utf8', stdio: 'pipe' });
    return Number(out.trim());
  } catch {
    return undefined;
  }
}

function groupExists(): boolean {
  try {
    execFileSync('getent', ['group', POSTGRES_OS_USER], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

/** The `postgres` OS user's ids; the user (and its group) are created when missing. */
export function postgresOsUser(): OsUser {
  if (idOf('-u') === undefined) {
    const group = groupExists() ? ['-g', POSTGRES_OS_USER] : ['--user-group'];
    try {
      execFileSync('useradd', ['--system', '--no-create-home', ...group, POSTGRES_OS_USER], {
        stdio: 'pipe',
      });
    } catch {
      throw new StartupError(
        `Started as root, the embedded PostgreSQL must run as an OS user "${POSTGRES_OS_USER}", ` +
          `which does not exist and could not be created (useradd): create that user, start ` +
          `the server as a normal user, or set DATABASE_URL.`,
      );
    }
  }
  const uid = idOf('-u');
  const gid = idOf('-g');
  if (uid === undefined || gid === undefined)
    throw new StartupError(`The ids of the OS user "${POSTGRES_OS_USER}" could not be read.`);
  return { uid, gid };
}

/**
 * True when `user` may pass through `path` and every directory above it. Node drops supplementary
 * groups when it starts a process as another user, so only the user's own uid and gid count.
 */
export function canTraverse(path: string, user: OsUser): boolean {
  for (let dir = path; ; dir = dirname(dir)) {
    const { mode, uid, gid } = statSync(dir);
    const bit = uid === user.uid ? 0o100 : gid === user.gid ? 0o010 : 0o001;
    if ((mode & bit) === 0) return false;
    if (dirname(dir) === dir) return true;
  }
}

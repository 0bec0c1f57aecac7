import { chownSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { OsUser } from './postgres-os-user';

/** The private directories of one cluster's password files, next to the cluster. */
function prefixFor(clusterDirectory: string): string {
  return `.${basename(clusterDirectory)}.initdb-`;
}

/**
 * Runs `work` with a file holding the password, for `initdb --pwfile`. The file lives next to the
 * cluster (a place its OS user can reach; never a shared temp directory) in a directory of its
 * own, mode 0700, the file 0600, both owned by `owner` (the user initdb runs as) when given.
 * Both are removed afterwards, and any left by a start that was killed midway are removed first.
 */
export async function withPasswordFile<T>(
  clusterDirectory: string,
  password: string,
  owner: OsUser | undefined,
  work: (file: string) => Promise<T>,
): Promise<T> {
  const parent = dirname(clusterDirectory);
  const prefix = prefixFor(clusterDirectory);
  for (const stale of readdirSync(parent).filter((name) => name.startsWith(prefix)))
    rmSync(join(parent, stale), { recursive: true, force: true });
  const directory = mkdtempSync(join(parent, prefix));
  try {
    const file = join(directory, 'password');
    writeFileSync(file, `${password}\n`, { mode: 0o600, flag: 'wx' });
    if (owner) {
      chownSync(file, owner.uid, owner.gid);
      chownSync(directory, owner.uid, owner.gid);
    }
    return await work(file);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { StartupError } from '../errors/startup-error';
import { canTraverse, type OsUser } from './postgres-os-user';
import { rootStateDir } from './root-state-dir';

/**
 * Where a cluster asked for at `requested` lives. As a normal user: there. Started by root, the
 * cluster belongs to the `postgres` OS user, which must reach it: the directory above it (e.g.
 * DATA_DIR) is opened for passing through (o+x, not reading), and when a directory further up
 * is closed to that user (a clone under /root), the cluster goes to
 * ROOT_STATE_DIR/clusters/<id>/postgres instead, <id> derived from the requested path.
 */
export function clusterLocation(requested: string, runAs: OsUser | undefined): string {
  const directory = resolve(requested);
  if (!runAs) return directory;
  const parent = dirname(directory);
  mkdirSync(parent, { recursive: true });
  if (canTraverse(dirname(parent), runAs)) {
    letThrough(parent);
    return directory;
  }
  if (existsSync(join(directory, 'PG_VERSION')))
    throw new StartupError(
      `The embedded PostgreSQL cluster in ${directory} belongs to the OS user "postgres" ` +
        `(the server runs as root), which cannot reach it: let that user pass through every ` +
        `directory above it (chmod o+x), or move DATA_DIR.`,
    );
  const id = createHash('sha256').update(directory).digest('hex').slice(0, 16);
  const home = join(rootStateDir(), 'clusters', id);
  mkdirSync(home, { recursive: true, mode: 0o711 });
  chmodSync(dirname(home), 0o711);
  chmodSync(home, 0o711);
  return join(home, 'postgres');
}

/** The postgres user passes through (o+x); reading stays closed (secrets live there). */
function letThrough(dir: string): void {
  const mode = statSync(dir).mode & 0o777;
  if ((mode & 0o001) === 0) chmodSync(dir, mode | 0o001);
}

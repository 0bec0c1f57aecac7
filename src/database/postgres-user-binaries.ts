import {
  chmodSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, join } from 'node:path';
import { StartupError } from '../errors/startup-error';
import type { PostgresBinaries } from './postgres-binaries';
import { assertRootOwned, rootStateDir } from './root-state-dir';

/**
 * The binaries as the `postgres` OS user can run them when root starts the server: node_modules
 * may sit under a directory that user cannot enter (a clone in /root), so root copies bin/, lib/
 * and share/ once per release to ROOT_STATE_DIR, owned by root and readable by everyone.
 */
export function binariesForPostgresUser(binaries: PostgresBinaries): string {
  const target = join(rootStateDir(), `postgres-${binaries.release}`);
  if (!existsSync(target)) copyOnce(binaries.root, target);
  assertRootOwned(target);
  return target;
}

/** Copies into a staging directory and renames it: the target exists only when complete. */
function copyOnce(source: string, target: string): void {
  let staging: string | undefined;
  try {
    staging = mkdtempSync(`${target}.staging-`);
    cpSync(source, staging, { recursive: true, verbatimSymlinks: true });
    openUp(staging);
    renameSync(staging, target);
  } catch (error) {
    // Another server copying at the same time got there first: its copy is as good.
    if (existsSync(target)) return;
    throw new StartupError(
      `Started as root, the embedded PostgreSQL runs as the OS user "postgres", which needs a ` +
        `copy of the binaries in ${target}, and copying failed (${(error as Error).message}): ` +
        `start the server as a normal user, or set DATABASE_URL.`,
    );
  } finally {
    if (staging) rmSync(staging, { recursive: true, force: true });
  }
}

/** Directories and programs 0755, other files 0644 (npm may have kept root's umask 077). */
function openUp(dir: string): void {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isSymbolicLink()) continue;
    if (entry.isDirectory()) openUp(path);
    else {
      const program = basename(dir) === 'bin' || (statSync(path).mode & 0o111) !== 0;
      chmodSync(path, program ? 0o755 : 0o644);
    }
  }
}

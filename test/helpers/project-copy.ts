import {
  cpSync,
  copyFileSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readlinkSync,
  symlinkSync,
} from 'node:fs';
import { join } from 'node:path';

const PROJECT_ROOT = join(__dirname, '..', '..');

/**
 * The project as a fresh clone at `target` would have it after npm install: the sources copied,
 * node_modules hard-linked file by file (fast, and no symlink leads back here: Node would resolve
 * it to the project's own path). Links inside node_modules stay links, relative as they were.
 */
export function copyProject(target: string): void {
  mkdirSync(target, { recursive: true });
  for (const name of ['src', 'ormconfig.ts', 'package.json', 'tsconfig.json'])
    cpSync(join(PROJECT_ROOT, name), join(target, name), { recursive: true });
  linkTree(join(PROJECT_ROOT, 'node_modules'), join(target, 'node_modules'));
}

function linkTree(source: string, target: string): void {
  mkdirSync(target);
  for (const entry of readdirSync(source, { withFileTypes: true })) {
    const from = join(source, entry.name);
    const to = join(target, entry.name);
    if (entry.isSymbolicLink()) symlinkSync(readlinkSync(from), to);
    else if (entry.isDirectory()) linkTree(from, to);
    else {
      try {
        linkSync(from, to);
      } catch {
        copyFileSync(from, to); // another file system
      }
    }
  }
}

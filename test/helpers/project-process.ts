import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PROJECT_ROOT = join(__dirname, '..', '..');

/**
 * Node arguments and environment that run one of the project's TypeScript entry points as
 * `npm run dev` does (ts-node, the project's tsconfig), from any working directory.
 */
export function tsNodeCommand(
  script: string,
  root = PROJECT_ROOT,
): { args: string[]; env: Record<string, string> } {
  return {
    args: ['-r', require.resolve('ts-node/register/transpile-only'), join(root, script)],
    env: { TS_NODE_PROJECT: join(root, 'tsconfig.json') },
  };
}

/**
 * A new empty directory for a process to run in. The server and the CLI read `.env` from their
 * working directory, so what the tests and the bench start never runs in the project root, where
 * a developer's own .env would change it.
 */
export function emptyWorkingDir(): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), 'mwp-cwd-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

// The servers a benchmark starts run compiled JavaScript, as `npm start` does in production:
// ts-node would load `repl` and with it `node:domain`, whose hooks slow every EventEmitter.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';

const PROJECT_ROOT = join(__dirname, '..');
/** Inside the project, so the compiled files resolve the project's node_modules. */
export const BUILD_DIR = join(PROJECT_ROOT, '.bench-build');

let built = false;

/**
 * Compiles src/ and bench/ once per benchmark run (about 20 s) into BUILD_DIR, afresh: a stale
 * build would measure old code.
 */
export function ensureCompiled(): string {
  if (built) return BUILD_DIR;
  rmSync(BUILD_DIR, { recursive: true, force: true });
  const tsc = require.resolve('typescript/bin/tsc');
  const args = ['-p', join(PROJECT_ROOT, 'tsconfig.json'), '--noEmit', 'false'];
  args.push('--outDir', BUILD_DIR, '--sourceMap', 'false', '--incremental', 'false');
  const result = spawnSync(process.execPath, [tsc, ...args], { encoding: 'utf8' });
  if (result.status !== 0)
    throw new Error(`compiling the servers failed:\n${result.stdout}${result.stderr}`);
  built = true;
  return BUILD_DIR;
}

/** Where the compiled form of a project script (`src/index.ts`) is. */
export function compiledScript(script: string): string {
  return join(ensureCompiled(), script.replace(/\.ts$/, '.js'));
}

import { execFile } from 'node:child_process';
import { join } from 'node:path';

const PROJECT_ROOT = join(__dirname, '..', '..');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a `src/cli/*.ts` script as its npm script would (ts-node), against the given database. */
export function runCli(
  script: string,
  args: string[],
  databaseUrl: string,
  timeoutMs = 55_000,
): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', `src/cli/${script}`, ...args],
      {
        cwd: PROJECT_ROOT,
        env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'info' },
        timeout: timeoutMs,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

import { execFile } from 'node:child_process';
import { emptyWorkingDir, tsNodeCommand } from './project-process';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a `src/cli/*.ts` script as its npm script would (ts-node), against the given database, from
 * an empty working directory (so no .env is read).
 */
export function runCli(
  script: string,
  args: string[],
  databaseUrl: string,
  timeoutMs = 55_000,
): Promise<CliResult> {
  const workDir = emptyWorkingDir();
  const command = tsNodeCommand(`src/cli/${script}`);
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...command.args, ...args],
      {
        cwd: workDir.path,
        env: { ...process.env, ...command.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'info' },
        timeout: timeoutMs,
      },
      (error, stdout, stderr) => {
        workDir.remove();
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

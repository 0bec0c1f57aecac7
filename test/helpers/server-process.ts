import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { emptyWorkingDir, tsNodeCommand } from './project-process';

export interface ServerProcess {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the exit code (or the signal name) once the process has ended. */
  exited: Promise<number | string>;
  /** Resolves when a stdout line matches, rejects if the process ends first. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Sends `signal` and waits for the exit; SIGKILLs after `timeoutMs`. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<number | string>;
}

/**
 * `src/index.ts` in a child process, as `npm run dev` runs it, with exactly the env given, in
 * `cwd` (by default a new empty directory, removed when the process ends: no .env is read), from the
 * project or from a copy of it at `projectRoot`.
 */
export function spawnServer(
  env: Record<string, string>,
  options: { cwd?: string; projectRoot?: string } = {},
): ServerProcess {
  const workDir = options.cwd === undefined ? emptyWorkingDir() : undefined;
  const command = tsNodeCommand('src/index.ts', options.projectRoot);
  const child = spawn(process.execPath, command.args, {
    cwd: options.cwd ?? workDir!.path,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...command.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  let ended = false;
  void exited.then(() => {
    ended = true;
    workDir?.remove();
  });

  const waitForOutput = (pattern: RegExp, timeoutMs = 60_000) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(out);
        if (match) return finish(() => resolve(match[0]));
        if (ended)
          return finish(() => reject(new Error(`exited before ${pattern}:\n${out}\n${err}`)));
      };
      const timer = setTimeout(
        () => finish(() => reject(new Error(`timed out waiting for ${pattern}:\n${out}\n${err}`))),
        timeoutMs,
      );
      const interval = setInterval(check, 50);
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        clearInterval(interval);
        settle();
      };
      check();
    });

  const stop = async (signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 20_000) => {
    if (!ended) child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    try {
      return await exited;
    } finally {
      clearTimeout(timer);
    }
  };

  return { child, stdout: () => out, stderr: () => err, exited, waitForOutput, stop };
}

/** Stops an embedded cluster left behind by a server that could not shut down cleanly. */
export function killLeftoverPostgres(dataDir: string): void {
  killLeftoverCluster(join(dataDir, 'postgres'));
}

/** The same, given the cluster's own directory. */
export function killLeftoverCluster(clusterDirectory: string): void {
  const pidFile = join(clusterDirectory, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    if (pid > 0) process.kill(pid, 'SIGTERM');
  } catch {
    // Already gone.
  }
}

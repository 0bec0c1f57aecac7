// Both servers run as child processes, so each gets its own event loop and shows in `top` by pid.
import { spawn, type ChildProcess } from 'node:child_process';
import { emptyWorkingDir } from '../test/helpers/project-process';
import { compiledScript } from './compiled-build';

export interface Child {
  name: string;
  pid: number;
  /** The last few kilobytes of stdout and stderr, for error messages. */
  output: () => string;
  /** Resolves with the exit code (or the signal name) once the process has ended. */
  exited: Promise<number | string>;
  hasExited: () => boolean;
  /** SIGTERM by pid, then SIGKILL after `graceMs`; resolves once the process is gone. */
  stop: (graceMs?: number) => Promise<void>;
  /** SIGTERM by pid, synchronously (for signal handlers, which cannot wait). */
  killNow: () => void;
}

const OUTPUT_TAIL = 8_000;

/**
 * `node <script compiled>` (`script` is a path in the project) with exactly the given environment,
 * in a new empty working directory: a developer's .env in the project root is not read.
 */
export function spawnCompiled(
  name: string,
  script: string,
  options: { env: Record<string, string>; nodeArgs?: string[] },
): Child {
  const workDir = emptyWorkingDir();
  const child: ChildProcess = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), compiledScript(script)],
    // stdin stays an open pipe: a child may watch it to exit when the bench dies.
    {
      cwd: workDir.path,
      env: options.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  child.once('exit', () => workDir.remove());
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${name}: could not start ${script}`);
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-OUTPUT_TAIL);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let ended = false;
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => {
      ended = true;
      resolve(code ?? signal ?? 'unknown');
    }),
  );
  let terminating = false;
  const signal = (sig: NodeJS.Signals) => {
    if (ended) return;
    // One SIGTERM only: a second one would cut a graceful shutdown short (process.once handlers).
    if (sig === 'SIGTERM' && terminating) return;
    terminating ||= sig === 'SIGTERM';
    try {
      process.kill(pid, sig);
    } catch {
      // Already gone.
    }
  };
  return {
    name,
    pid,
    output: () => tail,
    exited,
    hasExited: () => ended,
    killNow: () => signal('SIGTERM'),
    stop: async (graceMs = 15_000) => {
      signal('SIGTERM');
      const timer = setTimeout(() => signal('SIGKILL'), graceMs);
      try {
        await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/** Polls `url` until it answers 200; fails early if the child exits, or after `timeoutMs`. */
export async function waitUntilReady(child: Child, url: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.hasExited()) {
      throw new Error(`${child.name} exited before it was ready:\n${child.output()}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${child.name} was not ready after ${timeoutMs} ms:\n${child.output()}`);
}

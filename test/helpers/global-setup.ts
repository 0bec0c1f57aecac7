import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { embeddedUrl } from '../../src/database/database-url';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { freePort } from './free-port';
import { databaseUrlFor, TEST_DB_CONFIG } from './test-database-url';

/**
 * Before any test file: a PostgreSQL to test against (DATABASE_URL's server, or a throw-away
 * embedded cluster) and one template database with every migration applied. Each test file then
 * clones the template (CREATE DATABASE ... TEMPLATE), which takes milliseconds.
 */
export default async function globalSetup(): Promise<void> {
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const port = await freePort();
    const password = randomBytes(18).toString('base64url');
    const cluster = await startEmbeddedPostgres({
      directory: join(tmpdir(), `mwp-test-pg-${process.pid}-${Date.now()}`),
      port,
      password,
      databases: [],
      persistent: false,
    });
    (globalThis as { __embeddedPostgres__?: typeof cluster }).__embeddedPostgres__ = cluster;
    adminUrl = embeddedUrl(port, password, 'postgres');
  }
  const template = `mwp_template_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${template}`);
  } finally {
    await admin.end();
  }
  const dataSource = new DataSource(
    dataSourceOptions(databaseUrlFor(adminUrl, template), TEST_DB_CONFIG),
  );
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
  process.env.TEST_PG_ADMIN_URL = adminUrl;
  process.env.TEST_PG_TEMPLATE = template;
}

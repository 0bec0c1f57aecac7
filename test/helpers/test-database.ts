import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource, type Logger } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { databaseUrlFor, TEST_DB_CONFIG } from './test-database-url';

export interface TestDatabase {
  name: string;
  url: string;
  dataSource: DataSource;
  /** Closes the DataSource and drops the database. */
  drop(): Promise<void>;
}

function adminUrl(): string {
  const url = process.env.TEST_PG_ADMIN_URL;
  if (!url) throw new Error('TEST_PG_ADMIN_URL is not set: run tests through jest (global-setup)');
  return url;
}

export async function adminQuery(sql: string): Promise<void> {
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/** A fresh database for one test file: a clone of the migrated template, or empty on request. */
export async function createTestDatabase(
  options: { empty?: boolean; logger?: Logger; initialize?: boolean } = {},
): Promise<TestDatabase> {
  const name = `mwp_test_${randomBytes(5).toString('hex')}`;
  const template = options.empty ? 'template0' : process.env.TEST_PG_TEMPLATE;
  await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  const url = databaseUrlFor(adminUrl(), name);
  const dataSource = new DataSource(dataSourceOptions(url, TEST_DB_CONFIG, options.logger));
  if (options.initialize !== false) await dataSource.initialize();
  return {
    name,
    url,
    dataSource,
    drop: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

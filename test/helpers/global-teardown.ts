import { Client } from 'pg';

/** Drops the template database and stops the embedded cluster started by global-setup. */
export default async function globalTeardown(): Promise<void> {
  const adminUrl = process.env.TEST_PG_ADMIN_URL;
  const template = process.env.TEST_PG_TEMPLATE;
  if (adminUrl && template) {
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  }
  const cluster = (globalThis as { __embeddedPostgres__?: { stop(): Promise<void> } })
    .__embeddedPostgres__;
  if (cluster) await cluster.stop();
}

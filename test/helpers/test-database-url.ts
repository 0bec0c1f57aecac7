/** Pool settings for test DataSources: small pools, generous statement timeout. */
export const TEST_DB_CONFIG = { dbPoolSize: 4, dbStatementTimeoutMs: 30_000 };

/** The same server as `adminUrl`, another database. */
export function databaseUrlFor(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

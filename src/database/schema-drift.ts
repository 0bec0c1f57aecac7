import type { DataSource } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';
import type { TableColumn } from 'typeorm/schema-builder/table/TableColumn.js';

/** The two PostgresDriver members involved; TypeORM marks them private/protected. */
interface DefaultComparingDriver {
  defaultEqual(column: ColumnMetadata, tableColumn: TableColumn): boolean;
  normalizeDatetimeFunction(value: string): string;
}

const patched = new WeakSet<object>();

/**
 * TypeORM rewrites an entity's `CURRENT_TIMESTAMP` default to `now()` but reads the database's
 * `CURRENT_TIMESTAMP` as is, so every such column looks changed (typeorm/typeorm#6579). Normalizing
 * the database side the same way makes the comparison symmetric; nothing else changes.
 */
function compareDatetimeDefaultsSymmetrically(driver: DefaultComparingDriver): void {
  if (patched.has(driver)) return;
  patched.add(driver);
  const defaultEqual = driver.defaultEqual.bind(driver);
  driver.defaultEqual = (column: ColumnMetadata, tableColumn: TableColumn): boolean => {
    if (typeof tableColumn.default !== 'string') return defaultEqual(column, tableColumn);
    const normalized = tableColumn.clone();
    normalized.default = driver.normalizeDatetimeFunction(tableColumn.default);
    return defaultEqual(column, normalized);
  };
}

/**
 * The SQL TypeORM would generate to bring the database in line with the entities: what
 * `migration:generate` would write. Empty when entities and migrations agree.
 */
export async function pendingSchemaChanges(dataSource: DataSource): Promise<string[]> {
  compareDatetimeDefaultsSymmetrically(dataSource.driver as unknown as DefaultComparingDriver);
  const sql = await dataSource.driver.createSchemaBuilder().log();
  return sql.upQueries.map((query) => query.query);
}

import type { DataSource, EntityManager } from 'typeorm';
import { SYSTEM_SETTINGS_SQL } from './viewer-settings';

/**
 * Work that no viewer owns: authentication look-ups (before anyone is known), recording security
 * events, demo data, scheduled jobs. It runs in its own transaction marked as system work, which
 * the row-level security policies admit; request work never goes through here.
 */
export function asSystem<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  return dataSource.transaction(async (manager) => {
    await manager.query(SYSTEM_SETTINGS_SQL);
    return work(manager);
  });
}

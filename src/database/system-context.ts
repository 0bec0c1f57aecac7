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

/** What a request's transaction returns to after system work on its connection. */
const REQUEST_CONTEXT_SQL = "SELECT set_config('app.context', 'request', true)";

/**
 * System work inside a request's transaction, on its own connection: a request never holds one
 * pooled connection while it waits for another (under load, all of them would wait). A savepoint
 * of its own marks the work as system work and is released only after the request's context is
 * back; if the work fails, rolling the savepoint back restores the context too.
 */
export function asSystemWithin<T>(
  manager: EntityManager,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  return manager.transaction(async (inner) => {
    await inner.query(SYSTEM_SETTINGS_SQL);
    const result = await work(inner);
    await inner.query(REQUEST_CONTEXT_SQL);
    return result;
  });
}

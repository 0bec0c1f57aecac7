import type { DataSource } from 'typeorm';
import { ANONYMOUS, type Viewer } from '../../src/auth/viewer';
import { RequestDatabase } from '../../src/database/request-database';

/** A request's database with its transaction already open (so it adds no statements later). */
export async function openRequestDatabase(
  dataSource: DataSource,
  viewer: Viewer = ANONYMOUS,
): Promise<RequestDatabase> {
  const db = new RequestDatabase(dataSource, viewer);
  await db.manager();
  return db;
}

/** Runs work as one request of the viewer would, then ends its transaction. */
export async function inRequest<T>(
  dataSource: DataSource,
  viewer: Viewer,
  work: (db: RequestDatabase) => Promise<T>,
): Promise<T> {
  const db = new RequestDatabase(dataSource, viewer);
  try {
    return await work(db);
  } finally {
    await db.finish();
  }
}

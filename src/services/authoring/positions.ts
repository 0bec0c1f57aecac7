import type { EntityManager } from 'typeorm';
import { badUserInput } from '../../errors/error-code';

/** Where a parent's ordered children live; names come from the services, never from input. */
export interface OrderedChildren {
  table: string;
  orderColumn: string;
  parentColumn: string;
  parentId: number;
}

/**
 * Makes room for a new child at `position` (1-based; after the last when omitted) by moving the
 * children from there on down one, and returns the order the new child gets.
 */
export async function openPosition(
  manager: EntityManager,
  children: OrderedChildren,
  position?: number | null,
): Promise<number> {
  const { table, orderColumn, parentColumn, parentId } = children;
  const [{ n }] = await manager.query<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM ${table} WHERE ${parentColumn} = $1`,
    [parentId],
  );
  const at = position ?? n + 1;
  if (at < 1 || at > n + 1) {
    throw badUserInput(`position must be between 1 and ${n + 1}`, [
      { field: 'position', message: `must be between 1 and ${n + 1}` },
    ]);
  }
  await manager.query(
    `UPDATE ${table} SET ${orderColumn} = ${orderColumn} + 1
      WHERE ${parentColumn} = $1 AND ${orderColumn} >= $2`,
    [parentId, at],
  );
  return at;
}

/** Closes the gap a deleted child at `order` left, so the orders stay 1, 2, 3, … */
export async function closePosition(
  manager: EntityManager,
  children: OrderedChildren,
  order: number,
): Promise<void> {
  const { table, orderColumn, parentColumn, parentId } = children;
  await manager.query(
    `UPDATE ${table} SET ${orderColumn} = ${orderColumn} - 1
      WHERE ${parentColumn} = $1 AND ${orderColumn} > $2`,
    [parentId, order],
  );
}

import type { EntityManager } from 'typeorm';
import { badUserInput } from '../../errors/error-code';

export interface ReorderTarget {
  table: string;
  idColumn: string;
  orderColumn: string;
  parentColumn: string;
  parentId: number;
  /** The children's ids in their new order: each child of the parent exactly once. */
  ids: number[];
  /** The input field named in errors. */
  field: string;
}

/**
 * Rewrites a parent's children's order in one statement (1, 2, 3, … in the given order). The list
 * must name every child exactly once, so no order is left ambiguous. Table and column names come
 * from the services, never from input. Null when the order was already that one.
 */
export async function reorderRows(
  manager: EntityManager,
  target: ReorderTarget,
): Promise<{ before: number[]; after: number[] } | null> {
  const { table, idColumn, orderColumn, parentColumn } = target;
  const current = await manager.query<{ id: number }[]>(
    `SELECT ${idColumn} AS id FROM ${table} WHERE ${parentColumn} = $1
     ORDER BY ${orderColumn}, ${idColumn}`,
    [target.parentId],
  );
  const before = current.map((row) => row.id);
  const known = new Set(before);
  const given = new Set(target.ids);
  if (
    given.size !== target.ids.length ||
    given.size !== known.size ||
    target.ids.some((id) => !known.has(id))
  ) {
    throw badUserInput(
      `${target.field} must list each of the ${known.size} children exactly once`,
      [{ field: target.field, message: `must be a permutation of the ${known.size} current ids` }],
    );
  }
  // The same order again changes nothing (and so records nothing).
  if (before.every((id, index) => id === target.ids[index])) return null;
  await manager.query(
    `UPDATE ${table} t SET ${orderColumn} = o.position
     FROM unnest($1::int[]) WITH ORDINALITY AS o(id, position)
     WHERE t.${idColumn} = o.id AND t.${parentColumn} = $2`,
    [target.ids, target.parentId],
  );
  return { before, after: [...target.ids] };
}

/** Small lookups every reader of a WizardModel (logic check, engine, export) builds from it. */

/** Rows grouped by a key, each group keeping the rows' order. */
export function groupBy<T>(items: readonly T[], keyOf: (item: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const group = groups.get(keyOf(item));
    if (group) group.push(item);
    else groups.set(keyOf(item), [item]);
  }
  return groups;
}

/** Rows by their id. */
export const byId = <T extends { id: number }>(rows: readonly T[]): Map<number, T> =>
  new Map(rows.map((row) => [row.id, row]));

/** Steps, sets and options as sessions see them: by their order, then by id. */
export const inListOrder = (a: { order: number; id: number }, b: { order: number; id: number }) =>
  a.order - b.order || a.id - b.id;

/** Flow rules as they are tried: highest priority first, ties by ascending id. */
export const inPriorityOrder = (
  a: { priority: number; id: number },
  b: { priority: number; id: number },
) => b.priority - a.priority || a.id - b.id;

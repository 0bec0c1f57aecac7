import DataLoader from 'dataloader';

export interface LoaderOptions {
  /** False for long-lived (WebSocket) contexts, where cached rows would go stale. */
  cache: boolean;
}

/** Loads every child row of many parents in one statement, returned grouped per parent key. */
export function childrenLoader<T>(
  fetch: (parentIds: number[]) => Promise<T[]>,
  parentIdOf: (row: T) => number,
  options: LoaderOptions,
): DataLoader<number, T[]> {
  return new DataLoader<number, T[]>(
    async (keys) => {
      const rows = await fetch([...keys]);
      const byParent = new Map<number, T[]>(keys.map((key) => [key, []]));
      for (const row of rows) byParent.get(parentIdOf(row))?.push(row);
      return keys.map((key) => byParent.get(key) ?? []);
    },
    { cache: options.cache },
  );
}

/** Loads rows by their own id in one statement; a missing id yields null. */
export function rowLoader<T>(
  fetch: (ids: number[]) => Promise<T[]>,
  idOf: (row: T) => number,
  options: LoaderOptions,
): DataLoader<number, T | null> {
  return new DataLoader<number, T | null>(
    async (keys) => {
      const rows = await fetch([...keys]);
      const byId = new Map(rows.map((row) => [idOf(row), row]));
      return keys.map((key) => byId.get(key) ?? null);
    },
    { cache: options.cache },
  );
}

/** A pair of loaders for a child list that authors may ask to include inactive rows in. */
export interface ActiveOrAll<T> {
  active: DataLoader<number, T[]>;
  all: DataLoader<number, T[]>;
}

export function activeOrAll<T>(
  fetch: (parentIds: number[], includeInactive: boolean) => Promise<T[]>,
  parentIdOf: (row: T) => number,
  options: LoaderOptions,
): ActiveOrAll<T> {
  return {
    active: childrenLoader((ids) => fetch(ids, false), parentIdOf, options),
    all: childrenLoader((ids) => fetch(ids, true), parentIdOf, options),
  };
}

import { GroupLoader } from '../../src/loaders/group-loader';

interface Row {
  id: number;
  parentId: number;
}

/** A loader over rows `<parent>0` and `<parent>1` per parent, recording every fetch. */
function loaderWith(cache: boolean, fail = false) {
  const fetches: number[][] = [];
  const loader = new GroupLoader<Row>(
    (parentIds) => {
      fetches.push(parentIds);
      if (fail) return Promise.reject(new Error('database down'));
      const rows = parentIds.flatMap((p) => [0, 1].map((i) => ({ id: p * 10 + i, parentId: p })));
      return Promise.resolve(rows.filter((row) => row.parentId !== 404));
    },
    (row) => row.parentId,
    { cache },
  );
  return { loader, fetches };
}

describe('GroupLoader', () => {
  it('answers per parent, in order, with an empty list for a parent without rows', async () => {
    const { loader } = loaderWith(true);
    const lists = await loader.loadMany([2, 404, 1]);
    expect(lists.map((rows) => rows.map((row) => row.id))).toEqual([[20, 21], [], [10, 11]]);
  });

  it('batches the calls of one tick into one fetch, each parent once', async () => {
    const { loader, fetches } = loaderWith(true);
    await Promise.all([loader.loadMany([1, 2]), loader.loadMany([2, 3]), loader.loadMany([1])]);
    expect(fetches).toEqual([[1, 2, 3]]);
  });

  it('remembers rows for the request when caching, and refetches when not', async () => {
    const cached = loaderWith(true);
    await cached.loader.loadMany([1]);
    await cached.loader.loadMany([1, 2]);
    expect(cached.fetches).toEqual([[1], [2]]);

    const uncached = loaderWith(false);
    await uncached.loader.loadMany([1]);
    await uncached.loader.loadMany([1]);
    expect(uncached.fetches).toEqual([[1], [1]]);
  });

  it('fails every call of a failed batch and does not remember the failure', async () => {
    const { loader, fetches } = loaderWith(true, true);
    await expect(loader.loadMany([1])).rejects.toThrow('database down');
    await expect(loader.loadMany([1])).rejects.toThrow('database down');
    expect(fetches).toEqual([[1], [1]]);
  });
});

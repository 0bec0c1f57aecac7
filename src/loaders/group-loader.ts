import type { LoaderOptions } from './batch';

type Batch<T> = Promise<Map<number, T[]>>;

const resolved = Promise.resolve();

/** When DataLoader dispatches: after the current promise jobs and the next tick. */
function afterTick(): Promise<void> {
  return resolved.then(() => new Promise<void>((resolve) => process.nextTick(resolve)));
}

/**
 * The child rows of many parents per call. Like DataLoader it batches the calls made in one tick
 * into one statement and remembers rows for the request, but a call costs one promise however many
 * parents it names, not one (or two, with loadMany) per parent: a preloaded level asks for
 * hundreds of parents at once.
 */
export class GroupLoader<T> {
  /** Parent id → the batch that loads (or loaded) its rows. */
  private readonly batchOf = new Map<number, Batch<T>>();
  private queue: number[] | undefined;
  private queued: Batch<T> | undefined;

  constructor(
    private readonly fetch: (parentIds: number[]) => Promise<T[]>,
    private readonly parentIdOf: (row: T) => number,
    private readonly options: LoaderOptions,
  ) {}

  /** The rows of each parent, in the order given (an empty list for a parent without any). */
  async loadMany(parentIds: readonly number[]): Promise<T[][]> {
    const batches = parentIds.map((id) => this.batchFor(id));
    const results = new Map<Batch<T>, Map<number, T[]>>();
    for (const batch of new Set(batches)) results.set(batch, await batch);
    return parentIds.map((id, index) => results.get(batches[index])?.get(id) ?? []);
  }

  private batchFor(id: number): Batch<T> {
    let batch = this.batchOf.get(id);
    if (!batch) {
      if (!this.queue) {
        const queue: number[] = (this.queue = []);
        this.queued = afterTick().then(() => {
          this.queue = undefined;
          return this.run(queue);
        });
      }
      this.queue.push(id);
      batch = this.queued!;
      this.batchOf.set(id, batch);
    }
    return batch;
  }

  private async run(ids: number[]): Promise<Map<number, T[]>> {
    try {
      const byParent = new Map<number, T[]>();
      for (const row of await this.fetch(ids)) {
        const parentId = this.parentIdOf(row);
        const rows = byParent.get(parentId);
        if (rows) rows.push(row);
        else byParent.set(parentId, [row]);
      }
      if (!this.options.cache) this.forget(ids);
      return byParent;
    } catch (error) {
      // Like DataLoader: a failed load is not remembered.
      this.forget(ids);
      throw error;
    }
  }

  private forget(ids: number[]): void {
    for (const id of ids) this.batchOf.delete(id);
  }
}

/**
 * A stream of "the latest value" for dashboards: a change marks it stale, and the value is
 * computed again at most once per `minGapMs` however many changes came meanwhile (the last change
 * is never lost). Unlike an async generator it ends at once when the consumer leaves, even while
 * it waits for the next change.
 */
export class LatestValueStream<T> implements AsyncIterableIterator<T> {
  private stale = true;
  private ended = false;
  private wake: (() => void) | null = null;
  private lastAt = 0;

  constructor(
    private readonly compute: () => Promise<T>,
    private readonly minGapMs: number,
    private readonly onEnd: () => void,
  ) {}

  /** Something changed: the next value is due. */
  changed(): void {
    this.stale = true;
    this.wake?.();
  }

  async next(): Promise<IteratorResult<T>> {
    while (!this.stale && !this.ended) await new Promise<void>((resolve) => (this.wake = resolve));
    this.wake = null;
    const wait = this.lastAt + this.minGapMs - Date.now();
    if (wait > 0 && !this.ended) await new Promise((resolve) => setTimeout(resolve, wait));
    if (this.ended) return { done: true, value: undefined };
    this.stale = false;
    this.lastAt = Date.now();
    try {
      return { done: false, value: await this.compute() };
    } catch (error) {
      await this.return();
      throw error;
    }
  }

  return(): Promise<IteratorResult<T>> {
    if (!this.ended) {
      this.ended = true;
      this.onEnd();
      this.wake?.();
    }
    return Promise.resolve({ done: true, value: undefined });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}

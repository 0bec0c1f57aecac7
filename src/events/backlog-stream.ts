/**
 * Events waiting for one subscriber. graphql-ws sends the next event only once the socket has
 * taken the previous one, so a client that stops reading leaves its events here: past `maxBacklog`
 * it is too slow to keep, `onOverflow` runs (the server disconnects it) and the stream ends,
 * instead of holding memory for ever. Other subscribers have their own streams and never wait.
 */
export class BacklogStream<T> implements AsyncIterableIterator<T> {
  private readonly waiting: T[] = [];
  private ended = false;
  private wake: (() => void) | null = null;

  constructor(
    private readonly maxBacklog: number,
    private readonly onOverflow: () => void,
    private readonly onEnd: () => void,
  ) {}

  push(value: T): void {
    if (this.ended) return;
    if (this.waiting.length >= this.maxBacklog) {
      void this.return();
      this.onOverflow();
      return;
    }
    this.waiting.push(value);
    this.wake?.();
  }

  /** How many events wait for the consumer. */
  get backlog(): number {
    return this.waiting.length;
  }

  async next(): Promise<IteratorResult<T>> {
    while (this.waiting.length === 0 && !this.ended)
      await new Promise<void>((resolve) => (this.wake = resolve));
    this.wake = null;
    if (this.ended) return { done: true, value: undefined };
    return { done: false, value: this.waiting.shift() as T };
  }

  return(): Promise<IteratorResult<T>> {
    if (!this.ended) {
      this.ended = true;
      this.waiting.length = 0;
      this.onEnd();
      this.wake?.();
    }
    return Promise.resolve({ done: true, value: undefined });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}

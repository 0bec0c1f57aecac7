import type { Client } from 'graphql-ws';

// Tests read events loosely.
type AnyData = Record<string, any>;

/** A subscription's events as they arrive, and how it ended. */
export class Stream {
  readonly events: AnyData[] = [];
  error: AnyData | null = null;
  done = false;
  private waiters: (() => void)[] = [];

  constructor(client: Client, query: string, variables: AnyData) {
    client.subscribe(
      { query, variables },
      {
        next: (result) => {
          if (result.errors) this.error = result.errors[0] as AnyData;
          else this.events.push(Object.values(result.data ?? {})[0] as AnyData);
          this.wake();
        },
        error: (error) => {
          this.error = Array.isArray(error) ? error[0] : (error as AnyData);
          this.done = true;
          this.wake();
        },
        complete: () => {
          this.done = true;
          this.wake();
        },
      },
    );
  }

  private wake() {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  /** Resolves once the condition holds (each new message re-checks it). */
  async until(condition: () => boolean): Promise<void> {
    while (!condition()) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }
}

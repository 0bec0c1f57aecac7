import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { sessionEvents } from '../../src/events/session-events';

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

/** A graphql-ws client of the server on 127.0.0.1:port that never retries (a test sees each close). */
export function subscriptionClient(
  port: number,
  connectionParams: Record<string, unknown>,
): Client {
  return createClient({
    url: `ws://127.0.0.1:${port}/graphql`,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams,
  });
}

/** Waits until this process's server has `count` open streams (so a published event reaches them). */
export async function listening(count: number): Promise<void> {
  while (sessionEvents.listenerCount() < count) await new Promise((r) => setTimeout(r, 10));
}

// The listeners: one graphql-ws client (its own socket) per subscriber, all in this process, each
// noting when its events arrive. Any error, completion or closed socket fails the run.
import { performance } from 'node:perf_hooks';
import { createClient, type Client, type FormattedExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';
import { withDeadline } from './deadline';

/** What a subscriber receives: one `next` message's payload. */
export type EventResult = FormattedExecutionResult<Record<string, unknown>, unknown>;

export interface SubscribeOptions {
  /** ws://host:port/graphql */
  url: string;
  /** One per subscriber, sent as connectionParams.authorization (the baseline ignores them). */
  tokens: string[];
  query: string;
  variables: Record<string, unknown>;
  batchSize: number;
}

/** What one subscriber has heard: event ids only grow, so the latest one tells it all. */
interface Heard {
  latestId: number;
  /** performance.now() when latestId arrived. */
  latestAt: number;
  count: number;
  /** `count` when mark() was last called. */
  marked: number;
  lastResult?: EventResult;
}

interface Waiter {
  after: number;
  remaining: number;
  resolve: () => void;
  reject: (error: Error) => void;
}

const CONNECT_TIMEOUT_MS = 60_000;
const CLOSE_TIMEOUT_MS = 20_000;

export class Subscribers {
  private readonly clients: Client[] = [];
  /** One per client, settled when its socket has closed. */
  private readonly closed: Promise<void>[] = [];
  private readonly heard: Heard[] = [];
  private failure: Error | undefined;
  private waiter: Waiter | undefined;
  private disposing = false;

  get size(): number {
    return this.heard.length;
  }

  /**
   * Opens the clients `batchSize` at a time: a batch subscribes, then the next waits for the
   * batch's connection_ack, so the server is never asked for all handshakes at once. The server
   * does not acknowledge a subscription; the caller's warm-up event shows when all are listening.
   */
  async open(options: SubscribeOptions): Promise<void> {
    for (let first = 0; first < options.tokens.length; first += options.batchSize) {
      const batch = options.tokens.slice(first, first + options.batchSize);
      await withDeadline(
        Promise.all(batch.map((token) => this.connect(options, token))),
        CONNECT_TIMEOUT_MS,
        () => `subscribers ${first + 1}-${first + batch.length} were not connected`,
      );
    }
  }

  private connect(options: SubscribeOptions, token: string): Promise<void> {
    const index = this.heard.length;
    const heard: Heard = { latestId: 0, latestAt: 0, count: 0, marked: 0 };
    this.heard.push(heard);
    return new Promise<void>((resolve, reject) => {
      const client = createClient({
        url: options.url,
        webSocketImpl: WebSocket,
        lazy: false,
        retryAttempts: 0,
        connectionParams: { authorization: `Bearer ${token}` },
        onNonLazyError: (error) => this.fail(`subscriber ${index}: connection failed`, error),
      });
      this.clients.push(client);
      client.on('connected', () => resolve());
      this.closed.push(new Promise((settle) => client.on('closed', () => settle())));
      client.on('closed', (event) => {
        const error = this.fail(`subscriber ${index}: socket closed`, event);
        reject(error ?? new Error('closed'));
      });
      client.subscribe(
        { query: options.query, variables: options.variables },
        {
          next: (result) => this.arrived(index, heard, result),
          error: (error) => this.fail(`subscriber ${index}: subscription error`, error),
          complete: () => this.fail(`subscriber ${index}: subscription completed`, undefined),
        },
      );
    });
  }

  private arrived(index: number, heard: Heard, result: EventResult): void {
    const at = performance.now();
    const row = Object.values(result.data ?? {})[0] as { id?: unknown } | undefined;
    const id = Number(row?.id);
    if (result.errors || !Number.isSafeInteger(id)) {
      this.fail(`subscriber ${index}: not an event`, result);
      return;
    }
    if (id <= heard.latestId) {
      this.fail(`subscriber ${index}: event ${id} after ${heard.latestId}`, result);
      return;
    }
    const before = heard.latestId;
    Object.assign(heard, {
      latestId: id,
      latestAt: at,
      count: heard.count + 1,
      lastResult: result,
    });
    const waiter = this.waiter;
    if (waiter && before <= waiter.after && id > waiter.after && --waiter.remaining === 0) {
      this.waiter = undefined;
      waiter.resolve();
    }
  }

  /** Records the first failure (a closed socket after dispose() is none) and stops any wait. */
  private fail(what: string, cause: unknown): Error | undefined {
    if (this.disposing) return undefined;
    const detail = cause instanceof Error ? cause.message : JSON.stringify(cause);
    const error = new Error(`${what}: ${detail ?? String(cause)}`);
    this.failure ??= error;
    this.waiter?.reject(error);
    this.waiter = undefined;
    return error;
  }

  /** Throws the first failure (an error, a completed subscription, a closed socket), if any. */
  throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }

  /** How many subscribers have heard an event newer than `after`. */
  heardAfter(after: number): number {
    return this.heard.filter((heard) => heard.latestId > after).length;
  }

  /** The newest event id any subscriber has heard. */
  newestId(): number {
    return Math.max(0, ...this.heard.map((heard) => heard.latestId));
  }

  /** Resolves once every subscriber has heard an event newer than `after`; fails after timeoutMs. */
  async waitForAll(after: number, timeoutMs: number): Promise<void> {
    this.throwIfFailed();
    const remaining = this.size - this.heardAfter(after);
    if (remaining === 0) return;
    const all = new Promise<void>((resolve, reject) => {
      this.waiter = { after, remaining, resolve, reject };
    });
    await withDeadline(
      all,
      timeoutMs,
      () =>
        `an event after ${after} did not reach every subscriber (${this.heardAfter(after)} of ` +
        `${this.size} had it)`,
    );
  }

  /** Remembers how many events each subscriber has heard, for delaysSince(). */
  mark(): void {
    for (const heard of this.heard) heard.marked = heard.count;
  }

  /**
   * After waitForAll: each subscriber's delay from `sentAt`, checking that every one heard exactly
   * one event since mark(), the same one (a transition that published two would skew the numbers).
   */
  delaysSince(sentAt: number): { id: number; delaysMs: number[] } {
    const id = this.heard[0].latestId;
    const odd = this.heard.findIndex((h) => h.latestId !== id || h.count !== h.marked + 1);
    if (odd !== -1) {
      const heard = this.heard[odd];
      throw new Error(
        `subscriber ${odd} heard event ${heard.latestId} (${heard.count - heard.marked} since ` +
          `the mark), subscriber 0 heard ${id}: expected exactly one, the same, each`,
      );
    }
    return { id, delaysMs: this.heard.map((heard) => heard.latestAt - sentAt) };
  }

  /** The newest result subscriber 0 heard, for the baseline's payload. */
  lastResult(): EventResult | undefined {
    return this.heard[0]?.lastResult;
  }

  /**
   * Closes every client (their sockets end with 1000) and waits until the sockets have closed, so
   * the next contender starts with none of them left; a second call waits for the same.
   */
  async dispose(): Promise<void> {
    this.disposing = true;
    this.waiter?.reject(new Error('subscribers disposed'));
    this.waiter = undefined;
    await Promise.all(this.clients.map(async (client) => client.dispose()));
    await withDeadline(
      Promise.all(this.closed),
      CLOSE_TIMEOUT_MS,
      () => 'the sockets did not close',
    );
  }
}

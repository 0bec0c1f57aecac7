import { EventEmitter } from 'node:events';
import type { ActivityType } from '../entities/enums';
import { BacklogStream } from './backlog-stream';

/** What a session transition publishes: ids and the minimum; subscribers load the rest. */
export interface SessionEvent {
  /** The activity log row: also the cursor a reconnecting client continues from. */
  logId: number;
  sessionId: number;
  wizardId: number;
  userId: number;
  type: ActivityType;
  /** The session's version after the change. */
  version: number;
  occurredAt: Date;
}

/** How a subscriber's stream treats a consumer that falls behind. */
export interface BacklogLimit {
  /** Events that may wait for the consumer before it counts as too slow. */
  maxBacklog: number;
  /** Runs once when the backlog passes the limit (the connection is dropped). */
  onOverflow: () => void;
}

const EVENT = 'session';

/**
 * The process's session events. Changes committed here are published (RequestDatabase onCommit)
 * to this process's subscriptions and handed to the outlets (the Redis relay, when configured);
 * events of other instances come back in through `deliver`.
 */
export class SessionEventBus {
  private readonly emitter = new EventEmitter();
  private readonly outlets = new Set<(event: SessionEvent) => void>();

  constructor() {
    // One listener per open subscription; the count is bounded by the connections, not by this.
    this.emitter.setMaxListeners(0);
  }

  /** Open streams (tests and /readyz). */
  listenerCount(): number {
    return this.emitter.listenerCount(EVENT);
  }

  /** Calls `listener` for every event until the returned function is called. */
  listen(listener: (event: SessionEvent) => void): () => void {
    this.emitter.on(EVENT, listener);
    return () => this.emitter.off(EVENT, listener);
  }

  /** A change committed in this process: delivered here, and to the other instances. */
  publish(event: SessionEvent): void {
    this.deliver(event);
    for (const outlet of this.outlets) outlet(event);
  }

  /** An event to deliver to this process's subscribers only (one from another instance). */
  deliver(event: SessionEvent): void {
    this.emitter.emit(EVENT, event);
  }

  /** Receives every event published here, until the returned function is called. */
  addOutlet(outlet: (event: SessionEvent) => void): () => void {
    this.outlets.add(outlet);
    return () => this.outlets.delete(outlet);
  }

  /** The events that match, buffered up to the limit, until the consumer leaves. */
  events(
    matches: (event: SessionEvent) => boolean,
    limit: BacklogLimit,
  ): BacklogStream<SessionEvent> {
    const stream: BacklogStream<SessionEvent> = new BacklogStream(
      limit.maxBacklog,
      limit.onOverflow,
      () => stop(),
    );
    const stop = this.listen((event) => {
      if (matches(event)) stream.push(event);
    });
    return stream;
  }
}

/** One bus per process (a server's subscriptions see the transitions its requests made). */
export const sessionEvents = new SessionEventBus();

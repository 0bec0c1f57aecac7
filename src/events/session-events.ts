import { EventEmitter, on } from 'node:events';
import type { ActivityType } from '../entities/enums';

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

const EVENT = 'session';

/**
 * The process's session events. Published only after the change commits (RequestDatabase
 * onCommit), consumed by the graphql-ws subscriptions of this process.
 */
export class SessionEventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    // One listener per open subscription; the count is bounded by the connections, not by this.
    this.emitter.setMaxListeners(0);
  }

  /** Open streams (tests wait for a subscription to be listening before they act). */
  listenerCount(): number {
    return this.emitter.listenerCount(EVENT);
  }

  /** Calls `listener` for every event until the returned function is called. */
  listen(listener: (event: SessionEvent) => void): () => void {
    this.emitter.on(EVENT, listener);
    return () => this.emitter.off(EVENT, listener);
  }

  publish(event: SessionEvent): void {
    this.emitter.emit(EVENT, event);
  }

  /** The events that match, until the signal aborts. */
  async *events(matches: (event: SessionEvent) => boolean, signal: AbortSignal) {
    try {
      for await (const [event] of on(this.emitter, EVENT, { signal }) as AsyncIterable<
        [SessionEvent]
      >)
        if (matches(event)) yield event;
    } catch (error) {
      if ((error as { name?: string }).name !== 'AbortError') throw error;
    }
  }
}

/** One bus per process (a server's subscriptions see the transitions its requests made). */
export const sessionEvents = new SessionEventBus();

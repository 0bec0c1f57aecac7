// The knobs of a subscription run, from the environment (refused loudly when malformed).
import { positiveNumber } from '../settings';

export interface SubscriptionSettings {
  /** graphql-ws clients, each its own socket and (on our server) its own ADMIN account. */
  subscribers: number;
  /** Sockets opened at once; the next batch waits for this one's connection_ack. */
  batchSize: number;
  /** Events after every subscriber has heard one (JIT, pools), not measured. */
  warmupEvents: number;
  /** Events measured, one at a time: the next waits until every subscriber has the last. */
  measuredEvents: number;
  /** How long one event may take to reach every subscriber before the run fails. */
  eventTimeoutMs: number;
}

export function readSubscriptionSettings(): SubscriptionSettings {
  return {
    subscribers: Math.round(positiveNumber('BENCH_SUBSCRIBERS', 1000)),
    batchSize: Math.round(positiveNumber('BENCH_SUBSCRIBE_BATCH', 50)),
    warmupEvents: Math.round(positiveNumber('BENCH_WARMUP_EVENTS', 3, true)),
    measuredEvents: Math.round(positiveNumber('BENCH_EVENTS', 20)),
    eventTimeoutMs: positiveNumber('BENCH_EVENT_TIMEOUT_MS', 60_000),
  };
}

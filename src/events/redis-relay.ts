import { randomUUID } from 'node:crypto';
import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';
import { z } from 'zod';
import { ActivityType } from '../entities/enums';
import type { SessionEvent, SessionEventBus } from './session-events';

export interface RelayStatus {
  transport: 'redis' | 'in-process';
  /** Redis only: both connections up and the channel subscribed. */
  connected?: boolean;
  /** Events published here that could not reach Redis since the start. */
  dropped?: number;
}

export interface EventRelay {
  status(): RelayStatus;
  close(): Promise<void>;
}

/** What travels on the channel: the event plus the instance it came from. */
const relayedEvent = z.object({
  origin: z.string(),
  logId: z.number().int(),
  sessionId: z.number().int(),
  wizardId: z.number().int(),
  userId: z.number().int(),
  type: z.enum(ActivityType),
  version: z.number().int(),
  occurredAt: z.iso.datetime().transform((value) => new Date(value)),
});

/** Reconnect for ever, backing off to one attempt every 2 s: Redis coming back resumes delivery. */
const retryStrategy = (attempt: number) => Math.min(attempt * 100, 2000);

/** Without REDIS_URL a process only hears its own events. */
export const inProcessRelay: EventRelay = {
  status: () => ({ transport: 'in-process' }),
  close: () => Promise.resolve(),
};

/**
 * Carries session events between instances over Redis pub/sub. Local subscribers never depend on
 * Redis: the bus delivers an event here first, and the relay skips its own events coming back.
 * While Redis is away, publishing fails fast (no queue builds up, requests never wait on it) and
 * the events of that gap reach only this instance; clients fill it with activityLog(after:).
 */
export function connectRedisRelay(
  bus: SessionEventBus,
  options: { url: string; channel: string },
  logger: Logger,
): EventRelay {
  const origin = randomUUID();
  const log = logger.child({ component: 'event-relay' });
  // TCP keep-alive notices a peer that vanished without closing; a publish that hangs on such a
  // connection gives up after the command timeout instead of piling up.
  // A stopping server gives a connection that will not close 200 ms, not ioredis's 2 s.
  const common: RedisOptions = {
    retryStrategy,
    maxRetriesPerRequest: 1,
    keepAlive: 10_000,
    disconnectTimeout: 200,
  };
  const publisher = new Redis(options.url, {
    ...common,
    enableOfflineQueue: false,
    commandTimeout: 5_000,
  });
  const subscriber = new Redis(options.url, { ...common, autoResubscribe: false });
  let subscribed = false;
  let dropped = 0;
  let healthy: boolean | null = null;

  // Logged once per change of state, not once per reconnect attempt.
  const report = (up: boolean, detail?: string) => {
    if (healthy === up) return;
    healthy = up;
    if (up) log.info('event relay connected to Redis');
    else log.warn({ detail }, 'event relay lost Redis; events reach this instance only');
  };
  const onError = (error: Error) => report(false, error.message);
  publisher.on('error', onError);
  subscriber.on('error', onError);
  subscriber.on('close', () => {
    subscribed = false;
    report(false, 'connection closed');
  });
  subscriber.on('ready', () => {
    subscriber.subscribe(options.channel).then(
      () => {
        subscribed = true;
        if (publisher.status === 'ready') report(true);
      },
      (error: Error) => onError(error),
    );
  });
  publisher.on('ready', () => {
    if (subscribed) report(true);
  });

  subscriber.on('message', (channel: string, text: string) => {
    if (channel !== options.channel) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
    const message = relayedEvent.safeParse(parsed);
    if (!message.success) {
      log.warn('ignored a malformed message on the events channel');
      return;
    }
    const { origin: from, ...event } = message.data;
    if (from !== origin) bus.deliver(event);
  });

  const removeOutlet = bus.addOutlet((event: SessionEvent) => {
    if (publisher.status !== 'ready') {
      dropped += 1;
      return;
    }
    publisher.publish(options.channel, JSON.stringify({ origin, ...event })).catch(() => {
      dropped += 1;
    });
  });

  return {
    status: () => ({
      transport: 'redis',
      connected: subscribed && publisher.status === 'ready',
      dropped,
    }),
    close: async () => {
      removeOutlet();
      // disconnect, not quit: a server stopping while Redis is away must not wait for it.
      publisher.disconnect();
      subscriber.disconnect();
      await Promise.resolve();
    },
  };
}

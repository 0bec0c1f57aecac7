// One contender, start to end: memory idle, subscribers in, until all listen, warm-up, memory
// subscribed, then events one at a time with every subscriber's delay; subscribers out.
import { performance } from 'node:perf_hooks';
import type { Cleanup } from '../cleanup';
import { readMemory, type MemoryReading } from './memory';
import type { SubscriptionSettings } from './settings';
import { Subscribers, type EventResult, type SubscribeOptions } from './subscribers';
import type { Triggered } from './transitions';

export interface Contender {
  label: string;
  /** The server process, whose memory is read. */
  pid: number;
  /** Its --inspect port (loopback), through which each memory reading forces a GC first. */
  inspectPort: number;
  /** Where the subscribers connect (ws://…/graphql). */
  wsUrl: string;
  /** Makes the server publish one event; resolves when its request has answered. */
  trigger: () => Promise<Triggered>;
}

export interface ContenderRun {
  label: string;
  subscribers: number;
  openSeconds: number;
  /** Events it took until every subscriber had heard one (subscribing has no acknowledgement). */
  eventsUntilListening: number;
  memoryIdle: MemoryReading;
  /** With every subscriber listening, after the warm-up. */
  memorySubscribed: MemoryReading;
  /** Every subscriber's delay for every measured event, in milliseconds. */
  delaysMs: number[];
  /** The trigger request's own round trip per measured event. */
  triggerMs: number[];
  lastResult: EventResult | undefined;
}

/** Tries to reach every subscriber at most this often before the run fails. */
const LISTEN_ATTEMPTS = 5;
/** A listening attempt ends when no further subscriber has heard the event for this long. */
const QUIET_MS = 3_000;

/** Waits until all have heard an event after `after`, or none more has for QUIET_MS. */
async function untilAllOrQuiet(subscribers: Subscribers, after: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let count = -1;
  let changedAt = Date.now();
  while (Date.now() < deadline) {
    subscribers.throwIfFailed();
    const now = subscribers.heardAfter(after);
    if (now === subscribers.size) return;
    if (now !== count) [count, changedAt] = [now, Date.now()];
    if (Date.now() - changedAt > QUIET_MS) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Triggers events until every subscriber has heard one; returns how many that took. */
async function untilListening(
  contender: Contender,
  subscribers: Subscribers,
  timeoutMs: number,
): Promise<number> {
  for (let attempt = 1; attempt <= LISTEN_ATTEMPTS; attempt++) {
    const after = subscribers.newestId();
    await contender.trigger();
    await untilAllOrQuiet(subscribers, after, timeoutMs);
    if (subscribers.heardAfter(after) === subscribers.size) return attempt;
  }
  const heard = subscribers.heardAfter(0);
  throw new Error(
    `${contender.label}: after ${LISTEN_ATTEMPTS} events only ${heard} of ${subscribers.size} ` +
      'subscribers had heard any: their subscriptions never started listening',
  );
}

/** One event that every subscriber must hear, once; returns their delays and the round trip. */
async function oneEvent(
  contender: Contender,
  subscribers: Subscribers,
  timeoutMs: number,
): Promise<{ delaysMs: number[]; triggerMs: number }> {
  const after = subscribers.newestId();
  subscribers.mark();
  const triggered = await contender.trigger();
  await subscribers.waitForAll(after, timeoutMs);
  return {
    delaysMs: subscribers.delaysSince(triggered.sentAt).delaysMs,
    triggerMs: triggered.roundTripMs,
  };
}

export async function runContender(
  contender: Contender,
  subscribe: Omit<SubscribeOptions, 'url' | 'batchSize'>,
  settings: SubscriptionSettings,
  cleanup: Cleanup,
  say: (line?: string) => void,
): Promise<ContenderRun> {
  const memoryIdle = await readMemory(contender.pid, contender.inspectPort);
  const subscribers = new Subscribers();
  cleanup.add(`close the ${contender.label} subscribers`, () => subscribers.dispose());
  const openedAt = performance.now();
  try {
    await subscribers.open({ ...subscribe, url: contender.wsUrl, batchSize: settings.batchSize });
    const openSeconds = (performance.now() - openedAt) / 1000;
    say(`  ${subscribers.size} subscribers connected in ${openSeconds.toFixed(1)} s`);
    const eventsUntilListening = await untilListening(
      contender,
      subscribers,
      settings.eventTimeoutMs,
    );
    for (let i = 0; i < settings.warmupEvents; i++)
      await oneEvent(contender, subscribers, settings.eventTimeoutMs);
    say(
      `  all listening after ${eventsUntilListening} event(s); ${settings.warmupEvents} warm-up ` +
        `event(s) done in ${((performance.now() - openedAt) / 1000).toFixed(1)} s since connecting`,
    );
    const memorySubscribed = await readMemory(contender.pid, contender.inspectPort);
    const delaysMs: number[] = [];
    const triggerMs: number[] = [];
    for (let i = 0; i < settings.measuredEvents; i++) {
      const event = await oneEvent(contender, subscribers, settings.eventTimeoutMs);
      delaysMs.push(...event.delaysMs);
      triggerMs.push(event.triggerMs);
    }
    return {
      label: contender.label,
      subscribers: subscribers.size,
      openSeconds,
      eventsUntilListening,
      memoryIdle,
      memorySubscribed,
      delaysMs,
      triggerMs,
      lastResult: subscribers.lastResult(),
    };
  } finally {
    await subscribers.dispose();
  }
}

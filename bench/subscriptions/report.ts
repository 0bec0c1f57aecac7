// Turns both contenders' runs into the printed table and bench/results/subscriptions-latest.json.
import { formatColumns } from '../report';
import type { ContenderRun } from './measure';

export interface ContenderSummary {
  label: string;
  subscribers: number;
  events: number;
  /** Delays pooled over all events and subscribers (events × subscribers of them). */
  deliveries: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMaxMs: number;
  /** The trigger request's round trip (our mutation, the baseline's POST /publish), median. */
  triggerP50Ms: number;
  rssIdleMiB: number;
  rssSubscribedMiB: number;
  heapIdleMiB: number;
  heapSubscribedMiB: number;
  /** (RSS subscribed − RSS idle) / subscribers, both read after a full GC. */
  kibPerConnection: number;
  /** The same for the JS heap in use. */
  heapKibPerConnection: number;
  openSeconds: number;
  eventsUntilListening: number;
}

/** Ours ÷ baseline: above 1 is slower (or heavier) than the baseline. */
export interface Ratios {
  latencyP50: number;
  latencyP99: number;
  latencyMax: number;
  kibPerConnection: number;
  heapKibPerConnection: number;
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function summarize(run: ContenderRun): ContenderSummary {
  const delays = [...run.delaysMs].sort((a, b) => a - b);
  const triggers = [...run.triggerMs].sort((a, b) => a - b);
  return {
    label: run.label,
    subscribers: run.subscribers,
    events: run.triggerMs.length,
    deliveries: delays.length,
    latencyP50Ms: percentile(delays, 50),
    latencyP99Ms: percentile(delays, 99),
    latencyMaxMs: delays[delays.length - 1] ?? NaN,
    triggerP50Ms: percentile(triggers, 50),
    rssIdleMiB: run.memoryIdle.rssKiB / 1024,
    rssSubscribedMiB: run.memorySubscribed.rssKiB / 1024,
    heapIdleMiB: run.memoryIdle.heapUsedKiB / 1024,
    heapSubscribedMiB: run.memorySubscribed.heapUsedKiB / 1024,
    kibPerConnection: (run.memorySubscribed.rssKiB - run.memoryIdle.rssKiB) / run.subscribers,
    heapKibPerConnection:
      (run.memorySubscribed.heapUsedKiB - run.memoryIdle.heapUsedKiB) / run.subscribers,
    openSeconds: run.openSeconds,
    eventsUntilListening: run.eventsUntilListening,
  };
}

export function ratiosOf(ours: ContenderSummary, baseline: ContenderSummary): Ratios {
  return {
    latencyP50: ours.latencyP50Ms / baseline.latencyP50Ms,
    latencyP99: ours.latencyP99Ms / baseline.latencyP99Ms,
    latencyMax: ours.latencyMaxMs / baseline.latencyMaxMs,
    kibPerConnection: ours.kibPerConnection / baseline.kibPerConnection,
    heapKibPerConnection: ours.heapKibPerConnection / baseline.heapKibPerConnection,
  };
}

const ms = (value: number) => value.toFixed(1);
const times = (value: number) => (Number.isFinite(value) ? `${value.toFixed(1)}x` : 'n/a');

const COLUMNS: [string, (s: ContenderSummary) => string][] = [
  ['server', (s) => s.label],
  ['subscribers', (s) => String(s.subscribers)],
  ['events', (s) => String(s.events)],
  ['p50 ms', (s) => ms(s.latencyP50Ms)],
  ['p99 ms', (s) => ms(s.latencyP99Ms)],
  ['max ms', (s) => ms(s.latencyMaxMs)],
  ['trigger p50 ms', (s) => ms(s.triggerP50Ms)],
  ['RSS idle MiB', (s) => s.rssIdleMiB.toFixed(1)],
  ['RSS subscribed MiB', (s) => s.rssSubscribedMiB.toFixed(1)],
  ['RSS KiB/conn', (s) => s.kibPerConnection.toFixed(1)],
  ['heap KiB/conn', (s) => s.heapKibPerConnection.toFixed(1)],
];

export function formatSubscriptionTable(rows: ContenderSummary[], ratios: Ratios): string {
  const ratioRow = [
    'ours / baseline',
    '',
    '',
    times(ratios.latencyP50),
    times(ratios.latencyP99),
    times(ratios.latencyMax),
    '',
    '',
    '',
    times(ratios.kibPerConnection),
    times(ratios.heapKibPerConnection),
  ];
  const cells = [...rows.map((row) => COLUMNS.map(([, cell]) => cell(row))), ratioRow];
  return formatColumns<string[]>(
    COLUMNS.map(([title], c) => [title, (row) => row[c]]),
    cells,
  );
}

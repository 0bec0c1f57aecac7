// A side's rounds at one client count, boiled down: rates are the mean over rounds, latencies
// are percentiles over every request of all rounds, errors and CPU are summed.
import { percentile } from '../subscriptions/report';
import { OPERATIONS, type Operation } from './recorder';
import type { RoundResult, Side } from './round';

export interface ErrorSample {
  /** "<operation> <code>" */
  kind: string;
  count: number;
  message: string;
}

export interface SideSummary {
  side: Side;
  clients: number;
  rounds: number;
  /** Successes answered within the measured seconds, per second; mean over rounds. */
  perSecond: Record<Operation, number>;
  p50Ms: Record<Operation, number>;
  p99Ms: Record<Operation, number>;
  errors: number;
  errorSamples: ErrorSample[];
  /** Server CPU ÷ successful requests (start, submit and complete weigh alike; failures cost too). */
  cpuMsPerOperation: number | undefined;
  /** Server CPU ÷ successful submits: a session's start and completion shared over its 3 submits. */
  cpuMsPerSubmit: number | undefined;
  /** The database's CPU ÷ successful requests, as cpuMsPerOperation. */
  databaseCpuMsPerOperation: number | undefined;
}

const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
const sum = (values: number[]) => values.reduce((total, v) => total + v, 0);
const byOperation = (f: (operation: Operation) => number) =>
  Object.fromEntries(OPERATIONS.map((operation) => [operation, f(operation)])) as Record<
    Operation,
    number
  >;

function errorSamples(rounds: RoundResult[]): ErrorSample[] {
  const samples = new Map<string, ErrorSample>();
  for (const round of rounds) {
    for (const [kind, { count, message }] of round.recorder.errorSamples) {
      const known = samples.get(kind);
      if (known) known.count += count;
      else samples.set(kind, { kind, count, message });
    }
  }
  return [...samples.values()];
}

export function summarize(side: Side, clients: number, rounds: RoundResult[]): SideSummary {
  const latencies = (op: Operation) =>
    rounds.flatMap((r) => r.recorder.latenciesMs[op]).sort((x, y) => x - y);
  const sorted = {
    start: latencies('start'),
    submit: latencies('submit'),
    complete: latencies('complete'),
  };
  const total = (of: (r: RoundResult) => number | undefined) =>
    rounds.every((r) => of(r) !== undefined) ? sum(rounds.map((r) => of(r) ?? 0)) : undefined;
  const cpuMs = total((r) => r.cpuMs);
  const databaseCpuMs = total((r) => r.databaseCpuMs);
  const answered = byOperation((op) => sum(rounds.map((r) => r.recorder.answered[op])));
  const operations = sum(OPERATIONS.map((op) => answered[op]));
  return {
    side,
    clients,
    rounds: rounds.length,
    perSecond: byOperation((op) => mean(rounds.map((r) => r.recorder.inWindow[op] / r.seconds))),
    p50Ms: byOperation((op) => percentile(sorted[op], 50)),
    p99Ms: byOperation((op) => percentile(sorted[op], 99)),
    errors: sum(rounds.map((r) => r.recorder.errors)),
    errorSamples: errorSamples(rounds),
    cpuMsPerOperation: cpuMs !== undefined && operations > 0 ? cpuMs / operations : undefined,
    cpuMsPerSubmit:
      cpuMs !== undefined && answered.submit > 0 ? cpuMs / answered.submit : undefined,
    databaseCpuMsPerOperation:
      databaseCpuMs !== undefined && operations > 0 ? databaseCpuMs / operations : undefined,
  };
}

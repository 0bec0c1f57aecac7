// What the clients of one phase (a warm-up or a measured round) saw: the latency of every request
// (failures and timeouts included), successes answered before the deadline (the rates), and
// errors with a few samples.
// Every success also counts in the side's running tally, which the final check compares with the
// rows in the database.
import { performance } from 'node:perf_hooks';
import { OperationError, UNANSWERED } from './session-api';

export const OPERATIONS = ['start', 'submit', 'complete'] as const;
export type Operation = (typeof OPERATIONS)[number];

export type PerOperation = Record<Operation, number>;

const zero = (): PerOperation => ({ start: 0, submit: 0, complete: 0 });

/** A side's requests over the whole run, warm-ups and request tails included. */
export interface Tally {
  /** Answered with success. */
  done: PerOperation;
  /** Never answered (timeout, broken connection): the server may or may not have committed. */
  unanswered: PerOperation;
}

export const emptyTally = (): Tally => ({ done: zero(), unanswered: zero() });

const ERROR_SAMPLES = 5;

export class Recorder {
  readonly latenciesMs: Record<Operation, number[]> = { start: [], submit: [], complete: [] };
  /** Successes answered by the deadline. */
  readonly inWindow = zero();
  /** Successes answered at all (the deadline's tail included), for CPU per operation. */
  readonly answered = zero();
  errors = 0;
  /** The first few distinct codes, each with its first message and how often it came. */
  readonly errorSamples = new Map<string, { message: string; count: number }>();
  readonly deadline: number;

  constructor(
    seconds: number,
    private readonly tally: Tally,
    readonly startedAt = performance.now(),
  ) {
    this.deadline = startedAt + seconds * 1000;
  }

  /** Whether clients may still send a request. */
  open(): boolean {
    return performance.now() < this.deadline;
  }

  success(operation: Operation, sentAt: number): void {
    const at = performance.now();
    this.latenciesMs[operation].push(at - sentAt);
    this.answered[operation]++;
    this.tally.done[operation]++;
    if (at <= this.deadline) this.inWindow[operation]++;
  }

  failure(operation: Operation, sentAt: number, error: unknown): void {
    this.latenciesMs[operation].push(performance.now() - sentAt);
    this.errors++;
    const code = error instanceof OperationError ? error.code : 'NETWORK';
    if (UNANSWERED.has(code)) this.tally.unanswered[operation]++;
    const key = `${operation} ${code}`;
    const sample = this.errorSamples.get(key);
    if (sample) sample.count++;
    else if (this.errorSamples.size < ERROR_SAMPLES) {
      const message = error instanceof Error ? error.message : String(error);
      this.errorSamples.set(key, { message: message.slice(0, 300), count: 1 });
    }
  }
}

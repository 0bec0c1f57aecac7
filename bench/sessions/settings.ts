// The knobs of a session write-path run, from the environment (refused loudly when malformed).
import { positiveNumber } from '../settings';

export interface SessionBenchSettings {
  /** Stored sessions of other users before each measurement, ascending: the store only grows. */
  storeSizes: number[];
  /** Concurrent clients per measurement, each with its own account. */
  clientCounts: number[];
  /** Measured rounds per side and client count (baseline, ours, baseline, ours…). */
  rounds: number;
  warmupSeconds: number;
  durationSeconds: number;
  /** A request that has not answered by then counts as an error and ends its client's round. */
  requestTimeoutMs: number;
  /** Safety bound: a client starts at most this many sessions per round. */
  maxSessionsPerClient: number;
  /** Sessions each server runs one at a time while its SQL statements are counted. */
  countedSessions: number;
  /** Stored sessions inserted per transaction by the fill. */
  fillBatch: number;
}

/** A comma-separated list of positive integers, or `fallback` when unset. */
function integerList(name: string, fallback: number[]): number[] {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  return raw.split(',').map((part) => {
    const value = Number(part.trim().replace(/_/g, ''));
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new Error(`${name} must be a comma-separated list of positive integers: ${raw}`);
    }
    return value;
  });
}

function storeSizes(): number[] {
  const single = Math.round(positiveNumber('BENCH_STORED_SESSIONS', 100_000, true));
  const sizes = integerList('BENCH_STORE_SIZES', [single]);
  if (sizes.some((size, i) => i > 0 && size <= sizes[i - 1])) {
    throw new Error(
      `BENCH_STORE_SIZES must ascend (the store is filled up to each size in turn): ${sizes.join(',')}`,
    );
  }
  return sizes;
}

export function readSessionSettings(): SessionBenchSettings {
  return {
    storeSizes: storeSizes(),
    clientCounts: integerList('BENCH_CLIENTS', [16, 64]),
    rounds: Math.round(positiveNumber('BENCH_ROUNDS', 4)),
    warmupSeconds: positiveNumber('BENCH_WARMUP', 10, true),
    durationSeconds: positiveNumber('BENCH_DURATION', 10),
    requestTimeoutMs: positiveNumber('BENCH_REQUEST_TIMEOUT_MS', 30_000),
    maxSessionsPerClient: Math.round(positiveNumber('BENCH_MAX_SESSIONS_PER_CLIENT', 100_000)),
    countedSessions: Math.round(positiveNumber('BENCH_COUNTED_SESSIONS', 10)),
    fillBatch: Math.round(positiveNumber('BENCH_FILL_BATCH', 50_000)),
  };
}

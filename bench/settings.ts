// The knobs of a run, from the environment, refused loudly when malformed rather than guessed.
import type { LoadSettings } from './load';

export interface BenchSettings extends LoadSettings {
  /** When set, our server runs with --cpu-prof and writes its profile here on exit. */
  cpuProfileDir: string | undefined;
  /** Extra node flags for our server only (e.g. --max-semi-space-size=64), for experiments. */
  serverNodeArgs: string[];
}

/** A number from the environment, or `fallback` when unset; anything else malformed is refused. */
export function positiveNumber(name: string, fallback: number, allowZero = false): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new Error(`${name} must be a ${allowZero ? 'non-negative' : 'positive'} number: ${raw}`);
  }
  return value;
}

export function readSettings(): BenchSettings {
  return {
    durationSeconds: positiveNumber('BENCH_DURATION', 10),
    warmupSeconds: positiveNumber('BENCH_WARMUP', 3, true),
    connections: Math.round(positiveNumber('BENCH_CONNECTIONS', 16)),
    cpuProfileDir: process.env.BENCH_CPU_PROF || undefined,
    serverNodeArgs: (process.env.BENCH_NODE_ARGS ?? '').split(/\s+/).filter(Boolean),
  };
}

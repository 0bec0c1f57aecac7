// One measured round of one side: a warm-up phase (discarded), then the measured phase with the
// server's CPU time read before and after (once every client has had its last answer).
import { postgresCpuMs, processCpuMs } from '../process-cpu';
import { runPhase, type StepChoices } from './client-loop';
import { Recorder, type Tally } from './recorder';
import type { SessionApi } from './session-api';

export type Side = 'baseline' | 'ours';

export interface Contestant {
  side: Side;
  pid: number;
  /** One adapter per client account. */
  apis: SessionApi[];
  /** Successes over the whole run, for the final check against the database. */
  tally: Tally;
}

export interface RoundResult {
  side: Side;
  clients: number;
  seconds: number;
  recorder: Recorder;
  /** Server process CPU over the measured phase, or undefined without /proc. */
  cpuMs: number | undefined;
  /** CPU of the machine's PostgreSQL processes over the measured phase (only this side runs). */
  databaseCpuMs: number | undefined;
}

export interface RoundTiming {
  warmupSeconds: number;
  durationSeconds: number;
  maxSessionsPerClient: number;
}

export async function runRound(
  contestant: Contestant,
  clients: number,
  steps: StepChoices,
  timing: RoundTiming,
): Promise<RoundResult> {
  const apis = contestant.apis.slice(0, clients);
  if (apis.length < clients) throw new Error(`only ${apis.length} accounts for ${clients} clients`);
  const max = timing.maxSessionsPerClient;
  if (timing.warmupSeconds > 0)
    await runPhase(apis, steps, new Recorder(timing.warmupSeconds, contestant.tally), max);
  const cpuBefore = processCpuMs(contestant.pid);
  const databaseBefore = postgresCpuMs();
  const recorder = await runPhase(
    apis,
    steps,
    new Recorder(timing.durationSeconds, contestant.tally),
    max,
  );
  const cpuAfter = processCpuMs(contestant.pid);
  const databaseAfter = postgresCpuMs();
  const spent = (before: number | undefined, after: number | undefined) =>
    before !== undefined && after !== undefined ? after - before : undefined;
  return {
    side: contestant.side,
    clients,
    seconds: timing.durationSeconds,
    recorder,
    cpuMs: spent(cpuBefore, cpuAfter),
    databaseCpuMs: spent(databaseBefore, databaseAfter),
  };
}

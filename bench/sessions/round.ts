// One measured round of one side: a warm-up phase (discarded), then the measured phase with the
// server's CPU time read before and after (once every client has had its last answer).
import { processCpuMs } from '../process-cpu';
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
  const recorder = await runPhase(
    apis,
    steps,
    new Recorder(timing.durationSeconds, contestant.tally),
    max,
  );
  const cpuAfter = processCpuMs(contestant.pid);
  const cpuMs =
    cpuBefore !== undefined && cpuAfter !== undefined ? cpuAfter - cpuBefore : undefined;
  return {
    side: contestant.side,
    clients,
    seconds: timing.durationSeconds,
    recorder,
    cpuMs,
  };
}

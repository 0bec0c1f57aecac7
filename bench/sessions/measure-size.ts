// One store size: for each client count, the rounds alternate the sides, each side first in
// every other pair (baseline, ours, ours, baseline…), so a drift over the run (the tables grow,
// say) weighs on both alike; each round's figures are printed as it ends, then each side's rounds
// are summarized.
import type { StepChoices } from './client-loop';
import { untilQuiet } from './quiet';
import { runRound, type Contestant, type RoundResult } from './round';
import { settleBeforeRound } from './settle';
import type { SessionBenchSettings } from './settings';
import { summarize, type SideSummary } from './summary';
import { formatRound } from './tables';
import { checkTargets, type ClientComparison, type Target } from './targets';

export interface SizeResult {
  storedSessions: number;
  comparisons: ClientComparison[];
  targets: Target[];
  /** Every round on its own, in the order run. */
  rounds: SideSummary[];
}

export async function measureStoreSize(
  databaseUrl: string,
  storedSessions: number,
  contestants: { ours: Contestant; baseline: Contestant },
  steps: StepChoices,
  settings: SessionBenchSettings,
  say: (line: string) => void,
): Promise<SizeResult> {
  const comparisons: ClientComparison[] = [];
  const rounds: SideSummary[] = [];
  for (const clients of settings.clientCounts) {
    const runs: Record<'ours' | 'baseline', RoundResult[]> = { ours: [], baseline: [] };
    for (let round = 1; round <= settings.rounds; round++) {
      const pair = [contestants.baseline, contestants.ours];
      for (const contestant of round % 2 === 1 ? pair : pair.reverse()) {
        const waited = await untilQuiet(databaseUrl);
        if (waited > 1)
          say(
            `  (waited ${waited.toFixed(1)} s for the last round's requests to end in PostgreSQL)`,
          );
        const settled = await settleBeforeRound(databaseUrl);
        if (settled > 5)
          say(`  (VACUUM and CHECKPOINT before the round took ${settled.toFixed(1)} s)`);
        const result = await runRound(contestant, clients, steps, settings);
        runs[contestant.side].push(result);
        const summary = summarize(contestant.side, clients, [result]);
        rounds.push(summary);
        say(`  [${clients} clients, round ${round}/${settings.rounds}] ${formatRound(summary)}`);
      }
    }
    const baseline = summarize('baseline', clients, runs.baseline);
    const ours = summarize('ours', clients, runs.ours);
    comparisons.push({
      clients,
      baseline,
      ours,
      ratio: ours.perSecond.submit / baseline.perSecond.submit,
    });
  }
  return { storedSessions, comparisons, targets: checkTargets(comparisons), rounds };
}

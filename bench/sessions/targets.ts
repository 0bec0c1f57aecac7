// The targets, checked against one store size's summaries.
import type { SideSummary } from './summary';

export interface ClientComparison {
  clients: number;
  baseline: SideSummary;
  ours: SideSummary;
  /** Ours ÷ baseline submit/s. */
  ratio: number;
}

export interface Target {
  name: string;
  /** What was measured, as printed. */
  value: string;
  /** undefined: not measured in this run (that client count was not run). */
  met: boolean | undefined;
}

export const TARGETS = {
  submitsPerSecondAt16: 500,
  ratio: 0.5,
  p99MsAt16: 100,
};

export function checkTargets(comparisons: ClientComparison[]): Target[] {
  const at = (clients: number) => comparisons.find((c) => c.clients === clients);
  const [c16, c64] = [at(16), at(64)];
  const ratio = (c: ClientComparison | undefined, clients: number): Target => ({
    name: `ours ÷ baseline submit/s >= ${TARGETS.ratio} at ${clients} clients`,
    value: c ? `${c.ratio.toFixed(2)}x` : 'not run',
    met: c && c.ratio >= TARGETS.ratio,
  });
  const errors = comparisons.reduce((total, c) => total + c.ours.errors, 0);
  const p99 = c16?.ours.p99Ms.submit ?? NaN;
  return [
    {
      name: `submitStep >= ${TARGETS.submitsPerSecondAt16}/s at 16 clients`,
      value: c16 ? `${c16.ours.perSecond.submit.toFixed(1)}/s` : 'not run',
      met: c16 && c16.ours.perSecond.submit >= TARGETS.submitsPerSecondAt16,
    },
    ratio(c16, 16),
    ratio(c64, 64),
    {
      name: `submitStep p99 < ${TARGETS.p99MsAt16} ms at 16 clients`,
      value: !c16 ? 'not run' : Number.isFinite(p99) ? `${p99.toFixed(1)} ms` : 'no submits',
      met: c16 && p99 < TARGETS.p99MsAt16,
    },
    { name: '0 errors (ours, all client counts)', value: String(errors), met: errors === 0 },
  ];
}

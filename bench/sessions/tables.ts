// The printed tables: per store size (both sides per client count, with the ratio), the SQL
// counts per operation, the targets, and the comparison across store sizes.
import { formatColumns } from '../report';
import type { MessageCounts } from './counting-proxy';
import type { SizeResult } from './measure-size';
import { OPERATIONS } from './recorder';
import type { OperationCounts, SqlCounts } from './statement-count';
import type { SideSummary } from './summary';
import type { ClientComparison, Target } from './targets';

const fixed = (digits: number) => (value: number | undefined) =>
  value === undefined || !Number.isFinite(value) ? 'n/a' : value.toFixed(digits);
const n1 = fixed(1);
const n2 = fixed(2);
const times = (value: number | undefined) => (value === undefined ? '' : `${n2(value)}x`);
const count = (value: number) => value.toLocaleString('en');

function sqlOf(side: SideSummary, sql: SqlCounts | undefined): MessageCounts | undefined {
  return sql?.[side.side].submit;
}

export function formatSizeTable(result: SizeResult, sql: SqlCounts | undefined): string {
  type Row = { summary: SideSummary; ratio?: number };
  const rows: Row[] = result.comparisons.flatMap((c) => [
    { summary: c.baseline },
    { summary: c.ours, ratio: c.ratio },
  ]);
  const columns: [string, (r: Row) => string][] = [
    ['side', (r) => r.summary.side],
    ['clients', (r) => String(r.summary.clients)],
    ['submit/s', (r) => n1(r.summary.perSecond.submit)],
    ['start/s', (r) => n1(r.summary.perSecond.start)],
    ['complete/s', (r) => n1(r.summary.perSecond.complete)],
    ['submit p50/p99 ms', (r) => `${n1(r.summary.p50Ms.submit)} / ${n1(r.summary.p99Ms.submit)}`],
    ['start p50/p99 ms', (r) => `${n1(r.summary.p50Ms.start)} / ${n1(r.summary.p99Ms.start)}`],
    ['errors', (r) => String(r.summary.errors)],
    ['CPU ms/op', (r) => n2(r.summary.cpuMsPerOperation)],
    ['CPU ms/submit', (r) => n2(r.summary.cpuMsPerSubmit)],
    ['DB CPU ms/op', (r) => n2(r.summary.databaseCpuMsPerOperation)],
    ['SQL/submit', (r) => n1(sqlOf(r.summary, sql)?.statements)],
    ['trips/submit', (r) => n1(sqlOf(r.summary, sql)?.roundTrips)],
    ['ours ÷ baseline', (r) => times(r.ratio)],
  ];
  return formatColumns(columns, rows);
}

/** One round of one side, as it ends. */
export function formatRound(summary: SideSummary): string {
  return (
    `${summary.side}: ${n1(summary.perSecond.submit)} submit/s, p50/p99 ` +
    `${n1(summary.p50Ms.submit)}/${n1(summary.p99Ms.submit)} ms, ` +
    `${summary.errors} errors, CPU ${n2(summary.cpuMsPerOperation)} ms/op, ` +
    `DB CPU ${n2(summary.databaseCpuMsPerOperation)} ms/op`
  );
}

export function formatErrors(result: SizeResult): string[] {
  return result.comparisons.flatMap((c) =>
    [c.baseline, c.ours].flatMap((s) =>
      s.errorSamples.map(
        (e) => `  ${s.side}, ${s.clients} clients: ${e.count} x ${e.kind}: ${e.message}`,
      ),
    ),
  );
}

export function formatSqlTable(sql: SqlCounts): string {
  type Row = { side: string; counts: OperationCounts };
  const rows: Row[] = [
    { side: 'baseline', counts: sql.baseline },
    { side: 'ours', counts: sql.ours },
  ];
  const perSession = (c: OperationCounts, key: keyof MessageCounts) =>
    c.start[key] + 3 * c.submit[key] + c.complete[key];
  const columns: [string, (r: Row) => string][] = [
    ['side', (r) => r.side],
    ...OPERATIONS.map((op): [string, (r: Row) => string] => [
      `${op}: SQL / trips / parses`,
      (r) =>
        `${n1(r.counts[op].statements)} / ${n1(r.counts[op].roundTrips)} / ${n1(r.counts[op].parses)}`,
    ]),
    [
      'per session: SQL / trips',
      (r) =>
        `${n1(perSession(r.counts, 'statements'))} / ${n1(perSession(r.counts, 'roundTrips'))}`,
    ],
  ];
  return formatColumns(columns, rows);
}

export function formatTargets(targets: Target[]): string[] {
  const mark = (met: boolean | undefined) => (met === undefined ? '-' : met ? 'met' : 'NOT MET');
  return targets.map((t) => `  ${t.name}: ${t.value} (${mark(t.met)})`);
}

/** One row per store size and client count: does the store's size change the figures? */
export function formatAcrossSizes(results: SizeResult[]): string {
  type Row = { size: number; c: ClientComparison };
  const rows: Row[] = results.flatMap((r) =>
    r.comparisons.map((c) => ({ size: r.storedSessions, c })),
  );
  const columns: [string, (r: Row) => string][] = [
    ['stored sessions', (r) => count(r.size)],
    ['clients', (r) => String(r.c.clients)],
    ['baseline submit/s', (r) => n1(r.c.baseline.perSecond.submit)],
    ['ours submit/s', (r) => n1(r.c.ours.perSecond.submit)],
    ['ours p99 ms', (r) => n1(r.c.ours.p99Ms.submit)],
    ['ours CPU ms/op', (r) => n2(r.c.ours.cpuMsPerOperation)],
    ['ours DB CPU ms/op', (r) => n2(r.c.ours.databaseCpuMsPerOperation)],
    ['ours errors', (r) => String(r.c.ours.errors)],
    ['ours ÷ baseline', (r) => times(r.c.ratio)],
  ];
  return formatColumns(columns, rows);
}

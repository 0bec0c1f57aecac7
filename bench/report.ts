// Turns the runs into the printed table and bench/results/latest.json (same numbers in both).
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import type { RunSummary } from './load';

export const GOAL_RATIO = 0.5;

export interface Report {
  finishedAt: string;
  environment: Record<string, string | number>;
  settings: Record<string, string | number>;
  runs: RunSummary[];
  baselineMean: RunSummary;
  graphql: RunSummary;
  /** GraphQL requests/s ÷ mean baseline requests/s. */
  ratio: number;
  goalRatio: number;
  goalMet: boolean;
}

const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
const sum = (values: number[]) => values.reduce((total, v) => total + v, 0);

/** Rates, latencies and request counts averaged; error counts added up (they should be zero). */
export function meanOf(label: string, runs: RunSummary[]): RunSummary {
  return {
    label,
    requestsPerSecond: mean(runs.map((r) => r.requestsPerSecond)),
    latencyP50Ms: mean(runs.map((r) => r.latencyP50Ms)),
    latencyP99Ms: mean(runs.map((r) => r.latencyP99Ms)),
    requests: Math.round(mean(runs.map((r) => r.requests))),
    errors: sum(runs.map((r) => r.errors)),
    non2xx: sum(runs.map((r) => r.non2xx)),
    badBodies: sum(runs.map((r) => r.badBodies)),
    durationSeconds: mean(runs.map((r) => r.durationSeconds)),
    serverCpuMsPerRequest: runs.every((r) => r.serverCpuMsPerRequest !== undefined)
      ? mean(runs.map((r) => r.serverCpuMsPerRequest ?? 0))
      : undefined,
  };
}

const COLUMNS: [string, (r: RunSummary) => string][] = [
  ['server', (r) => r.label],
  ['req/s', (r) => r.requestsPerSecond.toFixed(1)],
  ['p50 ms', (r) => r.latencyP50Ms.toFixed(1)],
  ['p99 ms', (r) => r.latencyP99Ms.toFixed(1)],
  ['requests', (r) => String(r.requests)],
  ['server CPU ms/req', (r) => r.serverCpuMsPerRequest?.toFixed(2) ?? 'n/a'],
  ['errors', (r) => String(r.errors)],
  ['non-2xx', (r) => String(r.non2xx)],
  ['bad body', (r) => String(r.badBodies)],
];

export function formatTable(rows: RunSummary[]): string {
  return formatColumns(COLUMNS, rows);
}

/** A plain-text table: the first column left-aligned, the others (numbers) right-aligned. */
export function formatColumns<R>(columns: [string, (r: R) => string][], rows: R[]): string {
  const cells = [columns.map(([title]) => title), ...rows.map((r) => columns.map(([, f]) => f(r)))];
  const widths = columns.map((_, c) => Math.max(...cells.map((row) => row[c].length)));
  const line = (row: string[]) =>
    row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(cells[0]), rule, ...cells.slice(1).map(line)].join('\n');
}

export function formatVerdict(report: Report): string {
  const verdict = report.goalMet ? 'goal met' : 'GOAL NOT MET';
  return `GraphQL / baseline requests/s: ${report.ratio.toFixed(2)}x (goal >= ${report.goalRatio}x: ${verdict})`;
}

/** The machine a report was measured on. */
export function machine(): { cpuCores: number; cpuModel: string; node: string } {
  return {
    cpuCores: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    node: process.version,
  };
}

/** Writes the report as JSON (to `name` in `directory`); returns the file's path. */
export function writeReport(directory: string, report: object, name = 'latest.json'): string {
  mkdirSync(directory, { recursive: true });
  const file = join(directory, name);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}

// A server's resident memory from /proc: what its subscriptions cost, whatever holds the bytes
// (JS heap, socket buffers, native allocations), read from outside so the server needs no hook.
import { readFileSync } from 'node:fs';

/** VmRSS of `pid` in KiB; throws where /proc is not available (the bench needs it). */
export function rssKiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  if (!match) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(match[1]);
}

/** Lets the server settle (timers, lazy frees) before its memory is read. */
export async function settledRssKiB(pid: number, settleMs = 1_000): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  return rssKiB(pid);
}

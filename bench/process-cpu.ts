// CPU time a child process has used (Linux /proc), so a run can report server CPU per request:
// a measure that the other processes sharing the two cores disturb far less than requests/s.
import { readdirSync, readFileSync } from 'node:fs';

const CLOCK_TICKS_PER_SECOND = 100;

/** User + system CPU milliseconds of `pid` so far, or undefined where /proc is not available. */
export function processCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may contain spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/**
 * User + system CPU milliseconds of every PostgreSQL process on this machine so far, backends
 * that have exited included (their parent, the postmaster, accumulates them), or undefined where
 * /proc is not available. Meaningful for a database on this machine that nothing else is using.
 */
export function postgresCpuMs(): number | undefined {
  let ticks = 0;
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      } catch {
        continue; // it exited meanwhile
      }
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (name !== 'postgres') continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime, stime, and cutime, cstime: the children it has waited for.
      ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    }
  } catch {
    return undefined;
  }
  return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
}

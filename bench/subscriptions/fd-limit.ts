// 1,000 client sockets live in this process and 1,000 server sockets in the server's child, which
// inherits our limit: too low a limit would show up as EMFILE half-way through, so check first.
import { readFileSync } from 'node:fs';

/** Sockets beyond the subscribers: PostgreSQL pools, HTTP requests, pipes, the modules we load. */
const HEADROOM = 256;

/** The soft "Max open files" limit of this process (Linux /proc), or undefined elsewhere. */
function openFilesLimit(): number | undefined {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((row) => row.startsWith('Max open files'));
    const soft = line?.split(/\s{2,}/)[1];
    if (soft === undefined) return undefined;
    return soft === 'unlimited' ? Infinity : Number(soft);
  } catch {
    return undefined;
  }
}

/** Throws, saying what to run, when `sockets` open sockets per process would not fit. */
export function assertFileDescriptors(sockets: number): string {
  const limit = openFilesLimit();
  const needed = sockets + HEADROOM;
  if (limit === undefined) return 'open files limit: unknown (no /proc), not checked';
  if (limit < needed) {
    throw new Error(
      `The open files limit (ulimit -n) is ${limit}; ${sockets} subscribers need at least ` +
        `${needed} per process. Raise it in this shell first, e.g. \`ulimit -n ${Math.max(
          4096,
          needed,
        )}\`, then run the bench again.`,
    );
  }
  return `open files limit ${limit} (needs ${needed})`;
}

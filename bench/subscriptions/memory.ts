// A server's memory, read from outside so the server needs no hook of its own: both servers run
// with --inspect on a loopback port, and each reading first forces a full garbage collection
// through the inspector. Without it the difference "with subscribers − idle" is mostly garbage
// (ts-node's compiler output, warm-up leftovers) that a GC may or may not have freed yet.
import { readFileSync } from 'node:fs';
import WebSocket from 'ws';

export interface MemoryReading {
  /** VmRSS from /proc: everything resident (JS heap, socket buffers, native allocations). */
  rssKiB: number;
  /** process.memoryUsage().heapUsed after the GC: live JavaScript objects. */
  heapUsedKiB: number;
}

const INSPECTOR_TIMEOUT_MS = 30_000;

/** VmRSS of `pid` in KiB; throws where /proc is not available (the bench needs it). */
function rssKiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  if (!match) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(match[1]);
}

/** Sends inspector commands in order on one session; resolves with their results. */
async function inspect(port: number, commands: [string, object?][]): Promise<unknown[]> {
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as {
    webSocketDebuggerUrl: string;
  }[];
  const socket = new WebSocket(targets[0].webSocketDebuggerUrl);
  try {
    return await new Promise<unknown[]>((resolve, reject) => {
      const results: unknown[] = [];
      const timer = setTimeout(
        () => reject(new Error('inspector timed out')),
        INSPECTOR_TIMEOUT_MS,
      );
      socket.on('error', reject);
      socket.on('open', () =>
        commands.forEach(([method, params], id) =>
          socket.send(JSON.stringify({ id, method, params })),
        ),
      );
      socket.on('message', (data: Buffer) => {
        const reply = JSON.parse(data.toString('utf8')) as { id?: number; result?: unknown };
        if (reply.id === undefined) return;
        results[reply.id] = reply.result;
        if (reply.id === commands.length - 1) {
          clearTimeout(timer);
          resolve(results);
        }
      });
    });
  } finally {
    socket.close();
  }
}

/** A full GC (twice), then heap and RSS. */
async function readOnce(pid: number, inspectPort: number): Promise<MemoryReading> {
  // Twice: objects that only the first collection released (weak references, finalizers) go too.
  const [, , evaluated] = await inspect(inspectPort, [
    ['HeapProfiler.collectGarbage'],
    ['HeapProfiler.collectGarbage'],
    ['Runtime.evaluate', { expression: 'process.memoryUsage().heapUsed', returnByValue: true }],
  ]);
  const heapUsed = (evaluated as { result?: { value?: unknown } } | undefined)?.result?.value;
  if (typeof heapUsed !== 'number') throw new Error(`no heap figure: ${JSON.stringify(evaluated)}`);
  return { rssKiB: rssKiB(pid), heapUsedKiB: heapUsed / 1024 };
}

/** Readings this close (KiB of heap) one second apart count as settled. */
const SETTLED_KIB = 1_024;
const MAX_READINGS = 10;

/**
 * The memory once it has settled. Right after a fan-out to 1,000 subscribers our server still
 * holds tens of MiB for a second or two (work in flight survives a forced GC), so one reading
 * could land on either side: readings one second apart until two agree within SETTLED_KIB.
 */
export async function readMemory(pid: number, inspectPort: number): Promise<MemoryReading> {
  let last = await readOnce(pid, inspectPort);
  for (let reading = 2; reading <= MAX_READINGS; reading++) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const next = await readOnce(pid, inspectPort);
    if (Math.abs(next.heapUsedKiB - last.heapUsedKiB) < SETTLED_KIB) return next;
    last = next;
  }
  throw new Error(`the memory of pid ${pid} did not settle in ${MAX_READINGS} readings`);
}

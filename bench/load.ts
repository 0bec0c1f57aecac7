// Drives one server with autocannon in this process and boils the result down to what we report.
import autocannon from 'autocannon';
import { processCpuMs } from './process-cpu';
import { treeQueryBody } from './tree-query';

export interface LoadSettings {
  warmupSeconds: number;
  durationSeconds: number;
  connections: number;
}

export interface RunSummary {
  label: string;
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  requests: number;
  /** Connection errors, including timeouts. */
  errors: number;
  non2xx: number;
  /** 2xx answers that were not a whole `{"data":{"wizard":{...}}}` (e.g. GraphQL errors). */
  badBodies: number;
  durationSeconds: number;
  /** Server process CPU (user + system) per completed request, when it could be read. */
  serverCpuMsPerRequest?: number;
}

let current: autocannon.Instance | undefined;
let stopped = false;

/** Stops the run in progress and refuses new ones (Ctrl-C): no sockets outlive the servers. */
export function stopLoad(): void {
  stopped = true;
  current?.stop();
}

/**
 * A whole wizard and nothing else: starts with data and ends with the wizard's flowRules array
 * (Apollo appends a newline). GraphQL errors, `null` or a truncated answer fail this.
 */
function isWholeTree(body: string): boolean {
  return body.startsWith('{"data":{"wizard":{') && body.trimEnd().endsWith(']}}}');
}

function fire(url: string, wizardIds: number[], seconds: number, connections: number) {
  const requests = wizardIds.map((id) => ({ body: treeQueryBody(id) }));
  let nextClient = 0;
  return new Promise<autocannon.Result>((resolve, reject) => {
    if (stopped) return reject(new Error('load stopped'));
    current = autocannon(
      {
        url,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        connections,
        duration: seconds,
        timeout: 30,
        requests,
        // Round robin over the wizards, each connection starting one further along, so that at any
        // moment the connections ask for different wizards. Bodies stay prebuilt (no per-request cost).
        setupClient: (client) => {
          const offset = nextClient++ % requests.length;
          const rotated = [...requests.slice(offset), ...requests.slice(0, offset)];
          client.setRequests(rotated.map((request) => ({ ...request })));
        },
        verifyBody: isWholeTree,
      },
      (error, result) => {
        current = undefined;
        if (stopped) reject(new Error('load stopped'));
        else if (error) reject(error);
        else resolve(result);
      },
    );
  });
}

/** A warm-up (JIT, pools, caches; discarded), then the measured run. */
export async function measure(
  label: string,
  url: string,
  wizardIds: number[],
  settings: LoadSettings,
  serverPid?: number,
): Promise<RunSummary> {
  if (settings.warmupSeconds > 0) {
    await fire(url, wizardIds, settings.warmupSeconds, settings.connections);
  }
  const cpuBefore = processCpuMs(serverPid);
  const result = await fire(url, wizardIds, settings.durationSeconds, settings.connections);
  const cpuAfter = processCpuMs(serverPid);
  const cpuMs =
    cpuBefore !== undefined && cpuAfter !== undefined && result.requests.total > 0
      ? (cpuAfter - cpuBefore) / result.requests.total
      : undefined;
  return {
    serverCpuMsPerRequest: cpuMs,
    label,
    requestsPerSecond: result.requests.average,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors,
    non2xx: result.non2xx,
    badBodies: result.mismatches,
    durationSeconds: result.duration,
  };
}

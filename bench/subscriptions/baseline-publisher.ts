// The baseline's trigger: POST /publish with an event like the one our subscribers last received
// (same fields, same size give or take an id's digits), a fresh, increasing id each time.
import { performance } from 'node:perf_hooks';
import type { EventResult } from './subscribers';
import type { Triggered } from './transitions';

export function baselinePublisher(publishUrl: string, sample: EventResult | undefined) {
  const [field, row] = Object.entries(sample?.data ?? {})[0] ?? [];
  if (!field || typeof row !== 'object' || row === null) {
    throw new Error(`no event from our server to copy for the baseline: ${JSON.stringify(sample)}`);
  }
  let nextId = 1;
  return async (): Promise<Triggered> => {
    const body = JSON.stringify({ data: { [field]: { ...row, id: String(nextId++) } } });
    const sentAt = performance.now();
    const response = await fetch(publishUrl, { method: 'POST', body });
    const text = await response.text();
    const roundTripMs = performance.now() - sentAt;
    if (response.status !== 200)
      throw new Error(`${publishUrl} answered ${response.status}: ${text}`);
    return { sentAt, roundTripMs };
  };
}

// What a subscription run does, printed before it starts (the table alone would not say).
import { cpus } from 'node:os';
import { POOL_SIZE } from '../servers';
import type { SubscriptionSettings } from './settings';

export function describeSetup(settings: SubscriptionSettings, say: (line?: string) => void): void {
  say('Subscription fan-out benchmark: GraphQL server (graphql-ws) vs. bare `ws` baseline');
  say(
    `  subscribers: ${settings.subscribers} graphql-ws clients in this process, one socket and ` +
      `one ADMIN account each, all on wizardActivity of one wizard; opened ${settings.batchSize} ` +
      'at a time',
  );
  say(
    '  events: session transitions (startSession, 3 x submitStep, completeSession, again) by one ' +
      `USER over HTTP, one at a time; ${settings.warmupEvents} warm-up + ` +
      `${settings.measuredEvents} measured, after every subscriber has heard one`,
  );
  say(
    '  latency: receipt at each subscriber - just before the trigger request is sent (our ' +
      'mutation round trip included); p50/p99/max over all events x subscribers',
  );
  say(
    `  GraphQL server: NODE_ENV=production, LOG_LEVEL=warn, pool ${POOL_SIZE}; per event, one ` +
      "statement checks every subscriber's account and one reads the activity row",
  );
  say(
    '  baseline: bare ws, graphql-transport-ws handshake only; POST /publish sends a same-size ' +
      '`next` to every subscription',
  );
  say(
    '  memory: server VmRSS and JS heap, each read after a full GC forced through --inspect ' +
      '(loopback): idle, then with every subscriber listening (after the warm-up)',
  );
  say(
    `  machine: ${cpus().length} CPU cores shared by PostgreSQL, both servers and the clients; ` +
      'compare the ratio, not the absolute numbers',
  );
  say();
}

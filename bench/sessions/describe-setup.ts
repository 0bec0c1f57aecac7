// What a session run does, printed before it starts (the tables alone would not say).
import { cpus } from 'node:os';
import { POOL_SIZE, productionNodeFlags } from '../servers';
import type { SessionBenchSettings } from './settings';

export function describeSetup(settings: SessionBenchSettings, say: (line?: string) => void): void {
  const sizes = settings.storeSizes.map((size) => size.toLocaleString('en')).join(', then ');
  say('Session write-path benchmark: GraphQL server vs. bare node:http + pg baseline');
  say(
    '  wizard: three steps, one required SINGLE set of two options each, imported and published ' +
      'through the API by an ADMIN',
  );
  say(
    `  store: ${sizes} stored sessions of other users (10 per user; 80% on the measured wizard, ` +
      '20% on a second one; 55% completed, the rest stopped part-way, some with a skipped step), ' +
      'with their selections and activity rows, inserted set-based, then VACUUM ANALYZE',
  );
  say(
    `  clients: ${settings.clientCounts.join(' and ')} concurrent, each its own account ` +
      '(registered through the API) and its own keep-alive connection, one request at a time: ' +
      'startSession, submitStep x 3 (with the version each answer returns), completeSession, again',
  );
  say(
    `  rounds: ${settings.rounds} per side and client count, alternating baseline, ours, ours, ` +
      'baseline, … (each side first in every other pair, so a drift weighs on both alike); ' +
      `each after VACUUM (ANALYZE) and CHECKPOINT (not timed), ${settings.warmupSeconds} s ` +
      `warm-up + ${settings.durationSeconds} s measured; rates ` +
      'count answers within the measured seconds, latencies every request (failures included)',
  );
  say(
    `  GraphQL server: NODE_ENV=production, LOG_LEVEL=warn, pool ${POOL_SIZE}; baseline: one ` +
      `transaction per transition, named prepared statements, pool ${POOL_SIZE}, no token check, ` +
      'no row-level security, no wizard counters; both run with the node flags of npm start ' +
      `(${productionNodeFlags().join(' ') || 'none'})`,
  );
  say(
    '  SQL counts: a second instance of each server behind a counting proxy, ' +
      `${settings.countedSessions} sessions one at a time, on the empty store before the fill ` +
      '(not timed)',
  );
  say(
    `  machine: ${cpus().length} CPU cores shared by PostgreSQL, both servers and the clients; ` +
      'compare the ratio, not the absolute numbers',
  );
  say();
}

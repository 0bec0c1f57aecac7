import { Router } from 'express';
import type { DataSource } from 'typeorm';
import type { RelayStatus } from '../events/redis-relay';

/** The events part of /readyz: the relay's state and the open subscription streams. */
export type EventsHealth = RelayStatus & { streams: number };

/** How long /readyz waits for the database before answering 503 (probes have short timeouts). */
const READY_TIMEOUT_MS = 2_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * /healthz: the process answers (no database). /readyz: the database answers too and no shutdown
 * has begun, and says how events travel. Redis being away does not make the instance unready:
 * queries and mutations are served, and only other instances' events are missing until it is
 * back.
 */
export function healthRouter(
  dataSource: DataSource,
  events: () => EventsHealth,
  /** True once shutdown has begun: the instance takes no new work. */
  draining: () => boolean,
): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', (_req, res) => {
    if (draining()) {
      res.status(503).json({ status: 'draining', reason: 'shutting down' });
      return;
    }
    withTimeout(dataSource.query('SELECT 1'), READY_TIMEOUT_MS)
      .then(() => res.json({ status: 'ready', events: events() }))
      .catch(() => res.status(503).json({ status: 'unavailable', reason: 'database unreachable' }));
  });
  return router;
}

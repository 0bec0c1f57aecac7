import { Router } from 'express';
import type { DataSource } from 'typeorm';

/** How long /readyz waits for the database before answering 503 (probes have short timeouts). */
const READY_TIMEOUT_MS = 2_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** /healthz: the process answers (no database). /readyz: the database answers too. */
export function healthRouter(dataSource: DataSource): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', (_req, res) => {
    withTimeout(dataSource.query('SELECT 1'), READY_TIMEOUT_MS)
      .then(() => res.json({ status: 'ready' }))
      .catch(() => res.status(503).json({ status: 'unavailable', reason: 'database unreachable' }));
  });
  return router;
}

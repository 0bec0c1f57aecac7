import { Router } from 'express';
import type { DataSource } from 'typeorm';

/** /healthz: the process answers (no database). /readyz: the database answers too. */
export function healthRouter(dataSource: DataSource): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', (_req, res) => {
    dataSource
      .query('SELECT 1')
      .then(() => res.json({ status: 'ready' }))
      .catch(() => res.status(503).json({ status: 'unavailable', reason: 'database unreachable' }));
  });
  return router;
}

// The yardstick for the session write path: bare node:http + pg, plain JSON endpoints, the same
// writes per transition as the server in one transaction each (baseline-transitions.ts). No
// framework, no token check (the caller's user id comes in X-User-Id) and no row-level security.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Pool } from 'pg';
import { sendJson, serveUntilStopped } from '../baseline-process';
import { readBody } from '../read-body';
import { WizardShapes, type Answer } from './baseline-model';
import {
  completeSession,
  Refusal,
  startSession,
  submitStep,
  type Versioned,
} from './baseline-transitions';

/** Run as a child process: DATABASE_URL, PORT, HOST and DB_POOL_SIZE come from the environment. */
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('sessions baseline-server: DATABASE_URL is not set');

const pool = new Pool({
  connectionString: databaseUrl,
  max: Number(process.env.DB_POOL_SIZE ?? '10'),
  application_name: 'mwp-bench-sessions-baseline',
  statement_timeout: 30_000,
  // The owner's work, not a viewer's: system context lets it through forced row-level security
  // even when the owner is no superuser (a superuser bypasses the policies anyway).
  options: '-c app.context=system',
});
const shapes = new WizardShapes();

const int = (value: unknown, what: string): number => {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return value;
  throw new Refusal(400, 'BAD_USER_INPUT', `${what} must be a positive integer`);
};

function answersOf(value: unknown): Answer[] {
  if (!Array.isArray(value)) throw new Refusal(400, 'BAD_USER_INPUT', 'answers must be a list');
  return value.map((answer: { setId?: unknown; optionIds?: unknown }) => ({
    setId: int(answer.setId, 'setId'),
    optionIds: Array.isArray(answer.optionIds)
      ? answer.optionIds.map((id) => int(id, 'optionIds[]'))
      : [],
  }));
}

type Transition = (userId: number, input: Record<string, unknown>) => Promise<Versioned>;

const ROUTES: Record<string, Transition> = {
  '/start': (userId, input) =>
    startSession(pool, shapes, userId, {
      wizardId: int(input.wizardId, 'wizardId'),
      sessionName: typeof input.sessionName === 'string' ? input.sessionName : 'Session',
    }),
  '/submit': (userId, input) =>
    submitStep(pool, shapes, userId, {
      sessionId: int(input.sessionId, 'sessionId'),
      stepId: int(input.stepId, 'stepId'),
      expectedVersion: int(input.expectedVersion, 'expectedVersion'),
      answers: answersOf(input.answers),
    }),
  '/complete': (userId, input) =>
    completeSession(pool, shapes, userId, {
      sessionId: int(input.sessionId, 'sessionId'),
      expectedVersion: int(input.expectedVersion, 'expectedVersion'),
    }),
};

async function transition(req: IncomingMessage, res: ServerResponse, run: Transition) {
  const userId = int(Number(req.headers['x-user-id']), 'X-User-Id');
  let input: Record<string, unknown>;
  try {
    input = JSON.parse(await readBody(req)) as Record<string, unknown>;
  } catch {
    throw new Refusal(400, 'BAD_REQUEST', 'the body is not JSON');
  }
  const session = await run(userId, input);
  sendJson(res, 200, JSON.stringify(session));
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const route = req.method === 'POST' ? ROUTES[req.url ?? ''] : undefined;
  if (route) return transition(req, res, route);
  if (req.method === 'GET' && req.url === '/readyz') {
    await pool.query('SELECT 1');
    return sendJson(res, 200, '{"status":"ready"}');
  }
  sendJson(res, 404, '{"error":{"code":"NOT_FOUND","message":"no such endpoint"}}');
}

const server = createServer((req, res) => {
  handle(req, res).catch((error: unknown) => {
    const refusal = error instanceof Refusal ? error : undefined;
    if (!refusal) console.error('sessions baseline-server:', error);
    const [status, code, message] = refusal
      ? [refusal.status, refusal.code, refusal.message]
      : [500, 'INTERNAL_SERVER_ERROR', 'internal error'];
    if (res.headersSent) res.destroy();
    else sendJson(res, status, JSON.stringify({ error: { code, message } }));
  });
});

serveUntilStopped(server, pool);

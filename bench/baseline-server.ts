// The yardstick: bare node:http + pg answering the tree query with one SQL statement, no framework.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Pool } from 'pg';
import { WIZARD_TREE_SQL } from './baseline-sql';
import { sendJson, serveUntilStopped } from './baseline-process';
import { readBody } from './read-body';

/** Run as a child process: DATABASE_URL, PORT, HOST and DB_POOL_SIZE come from the environment. */
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('baseline-server: DATABASE_URL is not set');

const pool = new Pool({
  connectionString: databaseUrl,
  max: Number(process.env.DB_POOL_SIZE ?? '10'),
  application_name: 'mwp-bench-baseline',
  statement_timeout: 30_000,
});

const ID_PATTERN = /^[1-9]\d{0,9}$/;

/** The wizard id from a GraphQL-style body (`variables.id`), or undefined when it is not one. */
function wizardIdOf(body: string): number | undefined {
  try {
    const parsed = JSON.parse(body) as { variables?: { id?: unknown } };
    const id = parsed.variables?.id;
    const text = typeof id === 'number' ? String(id) : id;
    return typeof text === 'string' && ID_PATTERN.test(text) ? Number(text) : undefined;
  } catch {
    return undefined;
  }
}

async function wizardTree(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const id = wizardIdOf(await readBody(req));
  if (id === undefined) {
    sendJson(res, 400, '{"errors":[{"message":"variables.id must be a wizard id"}]}');
    return;
  }
  // A named statement: parsed and planned once per pooled connection, as a hand-tuned server would.
  const result = await pool.query<{ wizard: string }>({
    name: 'wizard-tree',
    text: WIZARD_TREE_SQL,
    values: [id],
  });
  const wizard = result.rows[0]?.wizard ?? 'null';
  sendJson(res, 200, `{"data":{"wizard":${wizard}}}`);
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method === 'POST' && req.url === '/') return wizardTree(req, res);
  if (req.method === 'GET' && req.url === '/readyz') {
    await pool.query('SELECT 1');
    return sendJson(res, 200, '{"status":"ready"}');
  }
  sendJson(res, 404, '{"errors":[{"message":"not found"}]}');
}

const server = createServer((req, res) => {
  handle(req, res).catch((error: unknown) => {
    console.error('baseline-server:', error);
    if (!res.headersSent) sendJson(res, 500, '{"errors":[{"message":"internal error"}]}');
    else res.destroy();
  });
});

serveUntilStopped(server, pool);

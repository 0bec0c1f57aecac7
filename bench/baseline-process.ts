// What the node:http + pg baselines share as child processes: JSON answers, and a life that ends
// on SIGTERM, SIGINT or the end of stdin (the bench holds stdin open; when the bench dies, so do
// they: no orphaned server).
import type { Server, ServerResponse } from 'node:http';
import type { Pool } from 'pg';

export function sendJson(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

/** Listens on PORT and HOST from the environment until told to stop; then ends `pool`, exits. */
export function serveUntilStopped(server: Server, pool: Pool): void {
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.close();
    server.closeAllConnections();
    pool.end().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  process.stdin.on('end', stop);
  process.stdin.resume();
  server.listen(Number(process.env.PORT ?? '0'), process.env.HOST ?? '127.0.0.1');
}

// The yardstick for fan-out: a bare `ws` server speaking just enough graphql-transport-ws for the
// graphql-ws client, with no schema, no authentication and no database. POST /publish sends the
// posted payload as a `next` message to every subscription.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { readBody } from '../read-body';

/** Run as a child process: PORT and HOST come from the environment. */
const port = Number(process.env.PORT ?? '0');
const host = process.env.HOST ?? '127.0.0.1';

/** Each socket's open subscription ids (a graphql-ws client sends one per subscribe). */
const subscriptions = new Map<WebSocket, Set<string>>();

function onMessage(socket: WebSocket, data: string): void {
  let message: { type?: unknown; id?: unknown };
  try {
    message = JSON.parse(data) as { type?: unknown; id?: unknown };
  } catch {
    socket.close(4400, 'Invalid message');
    return;
  }
  const ids = subscriptions.get(socket);
  if (!ids) return;
  if (message.type === 'connection_init') socket.send('{"type":"connection_ack"}');
  else if (message.type === 'ping') socket.send('{"type":"pong"}');
  else if (message.type === 'subscribe' && typeof message.id === 'string') ids.add(message.id);
  else if (message.type === 'complete' && typeof message.id === 'string') ids.delete(message.id);
}

/**
 * One message per subscription, built per socket as a server must (each carries its own id);
 * the payload itself is the posted JSON text, serialized once.
 */
function publish(payload: string): number {
  let sent = 0;
  for (const [socket, ids] of subscriptions) {
    for (const id of ids) {
      socket.send(`{"id":${JSON.stringify(id)},"type":"next","payload":${payload}}`);
      sent++;
    }
  }
  return sent;
}

function send(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': body.length });
  res.end(body);
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method === 'GET' && req.url === '/readyz') return send(res, 200, '{"status":"ready"}');
  if (req.method === 'POST' && req.url === '/publish') {
    const sent = publish(await readBody(req));
    return send(res, 200, `{"sent":${sent}}`);
  }
  send(res, 404, '{"error":"not found"}');
}

const server = createServer((req, res) => {
  handle(req, res).catch((error: unknown) => {
    console.error('ws-baseline-server:', error);
    if (!res.headersSent) send(res, 500, '{"error":"internal error"}');
  });
});

const wsServer = new WebSocketServer({ server, path: '/graphql' });
wsServer.on('connection', (socket) => {
  subscriptions.set(socket, new Set());
  socket.on('message', (data: Buffer) => onMessage(socket, data.toString('utf8')));
  socket.on('close', () => subscriptions.delete(socket));
});

let stopping = false;
function stop(): void {
  if (stopping) return;
  stopping = true;
  for (const socket of wsServer.clients) socket.terminate();
  wsServer.close();
  server.close(() => process.exit(0));
  server.closeAllConnections();
}
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
// The bench holds our stdin open; when it ends (the bench died), so do we: no orphaned server.
process.stdin.on('end', stop);
process.stdin.resume();

server.listen(port, host);

// A TCP proxy in front of PostgreSQL that counts what a server sends: after the startup packet,
// every frontend message is a type byte and an int32 length. 'Q' (simple query) is one round
// trip and holds one or more statements; 'E' (Execute) is one statement of the extended protocol,
// whose round trip ends with 'S' (Sync); 'P' (Parse) shows how often a statement is prepared.
import { createServer, connect, type Server, type Socket } from 'node:net';
import { countStatements } from './count-statements';

export interface MessageCounts {
  /** Statements: those inside 'Q' messages plus 'E' messages. */
  statements: number;
  /** 'Q' + 'S' messages: each waits for the server's answer. */
  roundTrips: number;
  /** 'P' messages: statements parsed (and planned) anew. */
  parses: number;
}

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;

/** Reads one connection's frontend stream; stops counting if the connection turns to TLS. */
class FrontendParser {
  private pending = Buffer.alloc(0);
  private startup = true;
  encrypted = false;
  /** Set after an SSL/GSS request: the server's one-byte answer decides what follows. */
  awaitingAnswer = false;

  constructor(private readonly counts: MessageCounts) {}

  feed(chunk: Buffer): void {
    if (this.encrypted) return;
    this.pending = Buffer.concat([this.pending, chunk]);
    for (;;) {
      const header = this.startup ? 4 : 5;
      if (this.pending.length < header) return;
      const length = this.pending.readInt32BE(this.startup ? 0 : 1) + (this.startup ? 0 : 1);
      if (this.pending.length < length) return;
      const message = this.pending.subarray(0, length);
      this.pending = this.pending.subarray(length);
      if (this.startup) this.onStartup(message);
      else this.onMessage(message);
    }
  }

  private onStartup(message: Buffer): void {
    const code = message.readInt32BE(4);
    if (code === SSL_REQUEST || code === GSSENC_REQUEST) this.awaitingAnswer = true;
    else this.startup = false;
  }

  private onMessage(message: Buffer): void {
    const type = String.fromCharCode(message[0]);
    if (type === 'Q') {
      this.counts.roundTrips++;
      this.counts.statements += countStatements(message.toString('utf8', 5, message.length - 1));
    } else if (type === 'E') this.counts.statements++;
    else if (type === 'S') this.counts.roundTrips++;
    else if (type === 'P') this.counts.parses++;
  }

  /** The server's answer to an SSL/GSS request: 'N' keeps the stream plain. */
  answered(byte: number): void {
    this.awaitingAnswer = false;
    if (byte !== 'N'.charCodeAt(0)) this.encrypted = true;
  }
}

export class CountingProxy {
  readonly counts: MessageCounts = { statements: 0, roundTrips: 0, parses: 0 };
  private readonly sockets = new Set<Socket>();
  private encrypted = false;
  private server: Server | undefined;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  /** Whether every connection stayed readable (a TLS connection cannot be counted). */
  get counting(): boolean {
    return !this.encrypted;
  }

  snapshot(): MessageCounts {
    return { ...this.counts };
  }

  /** Listens on a free port of 127.0.0.1; resolves with the port. */
  listen(): Promise<number> {
    const server = createServer((client) => this.relay(client));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        resolve(typeof address === 'object' && address ? address.port : 0);
      });
    });
  }

  private relay(client: Socket): void {
    const upstream = connect(this.targetPort, this.targetHost);
    const parser = new FrontendParser(this.counts);
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.on('data', (chunk: Buffer) => {
      parser.feed(chunk);
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (parser.awaitingAnswer) {
        parser.answered(chunk[0]);
        this.encrypted ||= parser.encrypted;
      }
      client.write(chunk);
    });
    client.on('end', () => upstream.end());
    upstream.on('end', () => client.end());
  }

  close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

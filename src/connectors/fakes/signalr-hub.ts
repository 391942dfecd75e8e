import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { Json, Reply } from './http-fake';

/**
 * A SignalR hub served for real over WebSockets (the ASP.NET Core SignalR JSON protocol, version 1), so that
 * the unmodified `@microsoft/signalr` client connects to a loopback fake:
 *   POST {path}/negotiate?negotiateVersion=1 → {negotiateVersion, connectionId, connectionToken,
 *        availableTransports: [WebSockets]}; or the client skips it (`skipNegotiation` + WebSockets).
 *   GET {path} upgrade (`id` = the negotiated token, if any): the token from `access_token` in the query,
 *        else `Authorization: Bearer`; an unknown or expired one gets HTTP 401.
 *   Frames end with 0x1e. Handshake `{"protocol":"json","version":1}` → `{}`; then invocations (type 1,
 *   answered with a completion, type 3, when they carry an invocationId), pings (type 6) both ways every
 *   `keepAliveMs`, close (type 7). Unknown hub methods complete with an error, as ASP.NET does.
 */

const RS = '\x1e';

/** One connected client of a hub. */
export interface HubClient {
  /** Server → client invocation (no completion expected). */
  send(target: string, ...args: unknown[]): void;
}

/** A hub's methods: answer a client's invocation (throw a HubError to complete with an error). */
export type HubMethods = Record<string, (client: HubClient, args: unknown[]) => unknown>;

export class HubError extends Error {}

export interface SignalRHubOptions {
  /** The hub's path, e.g. `/hubs/user` (matched case-insensitively). */
  path: string;
  methods: HubMethods;
  /** Whether a bearer token is live. */
  authorize: (token: string | undefined) => boolean;
  /** A client left (dropped, closed): forget its subscriptions. */
  onLeave?: (client: HubClient) => void;
  keepAliveMs?: number;
}

class Connection implements HubClient {
  handshaken = false;
  constructor(private readonly socket: WebSocket) {}
  send(target: string, ...args: unknown[]): void {
    this.write({ type: 1, target, arguments: args });
  }
  write(message: Json): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message) + RS);
  }
}

export class SignalRHub {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sockets = new Map<WebSocket, Connection>();
  private readonly negotiated = new Set<string>();
  private refuseUntil = 0;
  private readonly pinger: NodeJS.Timeout;

  constructor(private readonly opts: SignalRHubOptions) {
    this.pinger = setInterval(() => this.pingAll(), opts.keepAliveMs ?? 15_000);
    this.pinger.unref();
  }

  /** Every connected client (after its handshake). */
  clients(): HubClient[] {
    return [...this.sockets.values()].filter((c) => c.handshaken);
  }

  /** `POST {path}/negotiate`; undefined for another path. */
  negotiate(path: string, token: string | undefined): Reply | undefined {
    if (path.toLowerCase() !== `${this.opts.path.toLowerCase()}/negotiate`) return undefined;
    if (!this.opts.authorize(token)) return { status: 401 };
    const connectionToken = randomBytes(16).toString('base64url');
    this.negotiated.add(connectionToken);
    const connectionId = randomBytes(16).toString('base64url');
    const availableTransports = [{ transport: 'WebSockets', transferFormats: ['Text', 'Binary'] }];
    return { status: 200, body: { negotiateVersion: 1, connectionId, connectionToken, availableTransports } };
  }

  /** Takes the upgrade when it is this hub's path; false for another path. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(req.url ?? '/', 'http://fake');
    if (url.pathname.toLowerCase() !== this.opts.path.toLowerCase()) return false;
    const token = url.searchParams.get('access_token') ?? bearerOf(req.headers.authorization);
    const id = url.searchParams.get('id');
    if (Date.now() < this.refuseUntil) return refuse(socket, '503 Service Unavailable');
    if (!this.opts.authorize(token ?? undefined)) return refuse(socket, '401 Unauthorized');
    if (id !== null && !this.negotiated.delete(id)) return refuse(socket, '404 Not Found');
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
    return true;
  }

  /** Terminates every socket without a close message (a network drop); returns how many. */
  drop(): number {
    const n = this.sockets.size;
    for (const ws of this.sockets.keys()) ws.terminate();
    return n;
  }

  /** New connections get HTTP 503 for `ms`. */
  refuse(ms: number): void {
    this.refuseUntil = Date.now() + ms;
  }

  close(): void {
    clearInterval(this.pinger);
    this.drop();
    this.wss.close();
  }

  private accept(ws: WebSocket): void {
    const connection = new Connection(ws);
    this.sockets.set(ws, connection);
    ws.on('message', (data: Buffer) => this.receive(ws, connection, data.toString('utf8')));
    ws.on('close', () => {
      this.sockets.delete(ws);
      this.opts.onLeave?.(connection);
    });
    ws.on('error', () => ws.terminate());
  }

  private receive(ws: WebSocket, connection: Connection, text: string): void {
    for (const frame of text.split(RS).filter((f) => f.length > 0)) {
      let message: Json;
      try {
        message = JSON.parse(frame) as Json;
      } catch {
        return ws.close(1003);
      }
      if (!connection.handshaken) {
        if (message.protocol !== 'json' || message.version !== 1) {
          connection.write({ error: `Protocol ${String(message.protocol)} is not supported.` });
          return ws.close(1000);
        }
        connection.handshaken = true;
        ws.send(`{}${RS}`);
        continue;
      }
      if (message.type === 1) this.invoke(connection, message);
      else if (message.type === 7) return ws.close(1000);
      else if (message.type !== 6) {
        connection.write({ type: 7, error: `Message type ${String(message.type)} is not supported.` });
        return ws.close(1000);
      }
    }
  }

  private invoke(connection: Connection, message: Json): void {
    const target = String(message.target);
    const args = Array.isArray(message.arguments) ? (message.arguments as unknown[]) : [];
    const method = Object.entries(this.opts.methods).find(
      ([name]) => name.toLowerCase() === target.toLowerCase(),
    )?.[1];
    const invocationId = typeof message.invocationId === 'string' ? message.invocationId : null;
    let completion: Json;
    try {
      if (!method) throw new HubError('Method does not exist.');
      completion = { result: method(connection, args) ?? null };
    } catch (error) {
      const reason = error instanceof HubError ? `HubException: ${error.message}` : 'an error on the server';
      completion = { error: `Failed to invoke '${target}' due to ${reason}` };
    }
    if (invocationId !== null) connection.write({ type: 3, invocationId, ...completion });
  }

  private pingAll(): void {
    for (const connection of this.clients()) (connection as Connection).write({ type: 6 });
  }
}

function bearerOf(header: string | undefined): string | null {
  return /^Bearer (.+)$/.exec(header ?? '')?.[1] ?? null;
}

function refuse(socket: Duplex, status: string): true {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  return true;
}

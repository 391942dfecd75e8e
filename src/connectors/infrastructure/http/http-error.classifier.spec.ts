import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo, createServer as createTcpServer, Server as TcpServer, Socket } from 'node:net';
import { withCallSignal } from '../../application/call-context';
import { ConnectorError } from '../../domain/connector-errors';
import {
  classifyHttpError,
  parseJsonBody,
  parseRetryAfter,
  requireJsonObject,
} from './http-error.classifier';
import type { HttpMethod } from './platform-http-client';
import { PlatformHttpClients } from './platform-http-clients';

const SECRET = 'pr-classifier-secret-7d1e0b';
const TIMEOUT_MS = 1000;

/** A loopback server: plain HTTP answers, or raw TCP for what HTTP servers do not do (reset, hang). */
class Loopback {
  private constructor(
    private readonly server: Server | TcpServer,
    readonly url: string,
    readonly sockets: Socket[],
  ) {}

  static async http(handle: (req: IncomingMessage, res: ServerResponse) => void): Promise<Loopback> {
    return Loopback.listen(createServer(handle));
  }

  static async tcp(onRequestBytes: (socket: Socket) => void): Promise<Loopback> {
    return Loopback.listen(createTcpServer((socket) => socket.once('data', () => onRequestBytes(socket))));
  }

  private static async listen(server: Server | TcpServer): Promise<Loopback> {
    const sockets: Socket[] = [];
    server.on('connection', (s: Socket) => sockets.push(s));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return new Loopback(server, `http://127.0.0.1:${port}`, sockets);
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

let clients: PlatformHttpClients;
let servers: Loopback[];

beforeEach(() => {
  clients = new PlatformHttpClients();
  servers = [];
});
afterEach(async () => {
  await clients.onApplicationShutdown();
  await Promise.all(servers.map((s) => s.close()));
});

async function serveHttp(handle: (req: IncomingMessage, res: ServerResponse) => void): Promise<Loopback> {
  const server = await Loopback.http(handle);
  servers.push(server);
  return server;
}

async function serveTcp(onRequestBytes: (socket: Socket) => void): Promise<Loopback> {
  const server = await Loopback.tcp(onRequestBytes);
  servers.push(server);
  return server;
}

/** One request through the service's client, and its failure classed as a write and as a read. */
async function failure(url: string, method: HttpMethod = 'POST'): Promise<unknown> {
  const http = clients.forHost(url, TIMEOUT_MS);
  const request = { method, url: `${url}/v1/order`, headers: { Authorization: `Bearer ${SECRET}` } };
  const data = method === 'POST' ? { symbol: 'NQ', qty: 1 } : undefined;
  return http.request({ ...request, data }).then(
    () => {
      throw new Error('the request succeeded');
    },
    (e: unknown) => e,
  );
}

function classed(err: unknown): { write: ConnectorError; read: ConnectorError } {
  const write = classifyHttpError(err, { write: true });
  const read = classifyHttpError(err, { write: false });
  for (const e of [err, write, read]) {
    expect(`${String(e)} ${JSON.stringify(e)}`).not.toContain(SECRET);
  }
  return { write, read };
}

function answer(status: number, body: string, headers: Record<string, string> = {}) {
  return (req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    req.on('end', () => res.writeHead(status, headers).end(body));
  };
}

describe('classifyHttpError on the client’s real failures (loopback sockets)', () => {
  it('classes a refused connection as transient, on a write too: nothing was sent', async () => {
    const gone = await serveHttp(answer(200, '{}'));
    await gone.close();
    servers = [];
    const { write, read } = classed(await failure(gone.url));
    expect([write.kind, read.kind]).toEqual(['TRANSIENT', 'TRANSIENT']);
    expect(write.message).toBe('ECONNREFUSED: platform unreachable');
  });

  it('classes a reset after the request was written as unknown on a write, transient on a read', async () => {
    const server = await serveTcp((socket) => socket.resetAndDestroy());
    const { write, read } = classed(await failure(server.url));
    expect([write.kind, read.kind]).toEqual(['UNKNOWN_OUTCOME', 'TRANSIENT']);
    expect(write.message).toMatch(/^connection reset after the request was sent \(ECONNRESET\)$/);
  });

  it('classes a connection closed without an answer like a reset', async () => {
    const server = await serveTcp((socket) => socket.end());
    const { write, read } = classed(await failure(server.url));
    expect([write.kind, read.kind]).toEqual(['UNKNOWN_OUTCOME', 'TRANSIENT']);
    expect(write.message).toContain('UND_ERR_SOCKET');
  });

  it('times a request out after its own timeout: unknown on a write, transient on a read', async () => {
    const server = await serveTcp(() => undefined);
    const { write, read } = classed(await failure(server.url));
    expect([write.kind, read.kind]).toEqual(['UNKNOWN_OUTCOME', 'TRANSIENT']);
    expect(write.message).toBe('timeout after the request was sent (ETIMEDOUT)');
    // the timed-out request's connection is given up, not left waiting for the answer
    await until(() => server.sockets[0].destroyed);
  });

  it('leaves a request already written to its own timeout when its call’s signal fires', async () => {
    const server = await serveTcp(() => undefined);
    const controller = new AbortController();
    const pending = withCallSignal(controller.signal, () => failure(server.url));
    await until(() => server.sockets.length === 1);
    controller.abort();
    const { write, read } = classed(await pending);
    expect([write.kind, read.kind]).toEqual(['UNKNOWN_OUTCOME', 'TRANSIENT']);
    expect(write.message).toBe('timeout after the request was sent (ETIMEDOUT)');
  });

  it('never writes a request whose call was already cancelled: transient on a write', async () => {
    let requests = 0;
    const server = await serveHttp((req, res) => {
      requests += 1;
      answer(200, '{}')(req, res);
    });
    const controller = new AbortController();
    controller.abort();
    const { write } = classed(await withCallSignal(controller.signal, () => failure(server.url)));
    expect(write.kind).toBe('TRANSIENT');
    expect([requests, server.sockets.length]).toEqual([0, 0]);
  });

  it('classes 429 and 503 as transient and carries Retry-After in ms', async () => {
    const limited = await serveHttp(answer(429, '{"message":"slow down"}', { 'retry-after': '2' }));
    const e = classed(await failure(limited.url)).write;
    expect([e.kind, e.details.retryAfterMs, e.details.httpStatus, e.message]).toEqual([
      'TRANSIENT',
      2000,
      429,
      'HTTP 429: slow down',
    ]);
    const down = await serveHttp(answer(503, 'down'));
    expect(classed(await failure(down.url)).write.kind).toBe('TRANSIENT');
  });

  it('classes auth failures as fatal and other 4xx as rejections with the platform text', async () => {
    const denied = await serveHttp(answer(401, '{"error":"bad key"}'));
    expect(classed(await failure(denied.url, 'GET')).read.kind).toBe('FATAL');
    const refused = await serveHttp(answer(422, '{"error":"X","message":"Insufficient margin"}'));
    const rejected = classed(await failure(refused.url)).write;
    expect([rejected.kind, rejected.message, rejected.details.rawResponse]).toEqual([
      'REJECTED',
      'Insufficient margin',
      { error: 'X', message: 'Insufficient margin' },
    ]);
    const text = await serveHttp(answer(400, 'no such symbol'));
    expect(classed(await failure(text.url)).write.message).toBe('no such symbol');
  });

  it('classes a 5xx as unknown outcome on a write and transient on a read', async () => {
    const broken = await serveHttp(answer(500, '<html>oops</html>'));
    const { write, read } = classed(await failure(broken.url));
    expect([write.kind, read.kind]).toEqual(['UNKNOWN_OUTCOME', 'TRANSIENT']);
  });

  it('never follows a redirect: the 3xx is the answer', async () => {
    let followed = 0;
    const server = await serveHttp((req, res) => {
      if (req.url === '/elsewhere') followed += 1;
      answer(302, '', { location: '/elsewhere' })(req, res);
    });
    const { write } = classed(await failure(server.url));
    expect([write.kind, write.details.httpStatus, followed]).toEqual(['UNKNOWN_OUTCOME', 302, 0]);
  });

  it('hands back a 2xx body that is not JSON as malformed: unknown on a write', async () => {
    const server = await serveHttp(answer(200, '<html>maintenance</html>'));
    const res = await clients
      .forHost(server.url, TIMEOUT_MS)
      .request({ method: 'POST', url: server.url, data: {} });
    expect(res.text).toBe('<html>maintenance</html>');
    const kinds = [true, false].map((write) => {
      try {
        parseJsonBody(res.text, write);
        return 'parsed';
      } catch (e) {
        return (e as ConnectorError).kind;
      }
    });
    expect(kinds).toEqual(['UNKNOWN_OUTCOME', 'TRANSIENT']);
  });

  it('passes a ConnectorError through unchanged, and anything else is unexpected', () => {
    const original = ConnectorError.rejected('no');
    expect(classifyHttpError(original, { write: true })).toBe(original);
    expect(classifyHttpError(new TypeError('x'), { write: true }).kind).toBe('UNKNOWN_OUTCOME');
    expect(classifyHttpError(new TypeError('x'), { write: false }).kind).toBe('TRANSIENT');
  });
});

describe('PlatformHttpClients', () => {
  it('keeps one connection per host alive across requests and closes it on shutdown', async () => {
    const server = await serveHttp(answer(200, '{"ok":true}'));
    const http = clients.forHost(`${server.url}/v1`, TIMEOUT_MS);
    expect(clients.forHost(`${server.url}/v2`, TIMEOUT_MS)).toBe(http);
    for (let i = 0; i < 3; i++) {
      expect((await http.request({ method: 'GET', url: `${server.url}/v1/x` })).text).toBe('{"ok":true}');
      // undici reuses a connection one event-loop turn after its answer (pipelining 1)
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(server.sockets.length).toBe(1);
    await clients.onApplicationShutdown();
    await until(() => server.sockets[0].destroyed);
  });
});

describe('requireJsonObject and parseRetryAfter', () => {
  it('accepts a JSON object only', () => {
    expect(() => requireJsonObject('<html>', true)).toThrow(ConnectorError);
    expect(() => requireJsonObject([1], true)).toThrow(ConnectorError);
    expect(requireJsonObject({ a: 1 }, true)).toEqual({ a: 1 });
  });

  it('reads seconds and HTTP dates, and ignores garbage', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});

/** Waits (on events, polled) for a condition of the loopback server; fails the test after 2 s. */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(condition()).toBe(true);
}

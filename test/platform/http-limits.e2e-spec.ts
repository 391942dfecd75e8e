import { request as httpRequest } from 'node:http';
import { connect, Socket } from 'node:net';
import { sleep } from '../reliability/support/report';
import { entrySignal } from '../reliability/support/signals';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Slow clients (the real app on a port): a client dripping a body or its headers is cut off by the request
 * and headers timeouts, a client opening many connections gets no more than HTTP_MAX_CONNECTIONS_PER_IP
 * of them, and meanwhile a signal from another client address (127.0.0.2) is accepted.
 */
const SECRET = 'limits-webhook-secret-7c1e';
const REQUEST_TIMEOUT_MS = 2000;
const HEADERS_TIMEOUT_MS = 1000;
const CAP = 20;
const SLOW_CLIENTS = 60;
/**
 * Node checks the timeouts every second (server-limits.ts); a 2-core machine running other suites beside
 * this one adds seconds. Without the timeouts these connections stay open for good.
 */
const SLACK_MS = 6000;

/** Waits until every client is closed, or `ms` have passed. */
async function allClosed(clients: SlowClient[], ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline && clients.some((c) => c.closedAt === null)) await sleep(100);
}

interface SlowClient {
  socket: Socket;
  openedAt: number;
  closedAt: number | null;
  /** What the server wrote before closing: a 408 when timed out, nothing when refused by the cap. */
  answer: string;
}

/** Opens a connection from 127.0.0.1 that sends `head` and then one byte of `drip` every 200 ms. */
function slowClient(port: number, head: string, drip: string): SlowClient {
  const socket = connect({ port, host: '127.0.0.1' });
  const client: SlowClient = { socket, openedAt: Date.now(), closedAt: null, answer: '' };
  let i = 0;
  const timer = setInterval(() => socket.writable && socket.write(drip[i++ % drip.length]), 200);
  socket.on('connect', () => socket.write(head));
  socket.on('error', () => undefined);
  socket.on('data', (d: Buffer) => (client.answer += d.toString('latin1')));
  socket.on('close', () => {
    clearInterval(timer);
    client.closedAt = Date.now();
  });
  return client;
}

/** POSTs a JSON body from the client address 127.0.0.2. */
function postFrom127002(port: number, path: string, body: unknown): Promise<number> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        localAddress: '127.0.0.2',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
        timeout: 15_000,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

describe('HTTP timeouts and the connection cap per client', () => {
  let t: TestApp;
  let port: number;
  let clients: SlowClient[] = [];

  beforeAll(async () => {
    t = await startTestApp({
      label: 'http_limits',
      env: {
        WEBHOOK_SECRET: SECRET,
        HTTP_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
        HTTP_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
        HTTP_MAX_CONNECTIONS_PER_IP: String(CAP),
        // the signal's firm has an (env) account: an alert to a firm without one is refused at intake
        ...Object.fromEntries(['APEX', 'FTMO', 'TOPSTEP'].map((f) => [`${f}_ENABLED`, 'true'])),
      },
    });
    port = Number(new URL(t.baseUrl).port);
  });

  afterEach(() => {
    for (const c of clients) c.socket.destroy();
    clients = [];
  });

  afterAll(async () => {
    await t?.close();
  });

  it('cuts slow bodies off at the request timeout and caps one client, while another is served', async () => {
    const head =
      'POST /api/webhooks/tradingview HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
      'Content-Length: 10000\r\n\r\n{"secret":"';
    clients = Array.from({ length: SLOW_CLIENTS }, () => slowClient(port, head, 'abcdefgh'));
    const status = await postFrom127002(
      port,
      '/api/webhooks/tradingview',
      entrySignal(`lim-${Date.now()}`, ['APEX'], SECRET),
    );
    await allClosed(clients, REQUEST_TIMEOUT_MS + SLACK_MS);
    const timedOut = clients.filter((c) => c.answer.startsWith('HTTP/1.1 408')).length;
    const refused = clients.filter((c) => c.closedAt !== null && c.answer === '').length;
    const stillOpen = clients.filter((c) => c.closedAt === null).length;
    const longest = Math.max(...clients.map((c) => (c.closedAt ?? Date.now()) - c.openedAt));
    expect({
      status,
      timedOutAtMostCap: timedOut <= CAP,
      refused,
      stillOpen,
      longestWithinTimeout: longest < REQUEST_TIMEOUT_MS + SLACK_MS,
    }).toEqual({
      status: 202,
      timedOutAtMostCap: true,
      refused: SLOW_CLIENTS - timedOut,
      stillOpen: 0,
      longestWithinTimeout: true,
    });
    expect(refused).toBeGreaterThanOrEqual(SLOW_CLIENTS - CAP);
  });

  it('cuts slow headers off at the headers timeout', async () => {
    clients = Array.from({ length: 5 }, () =>
      slowClient(port, 'GET /api/health HTTP/1.1\r\n', 'X-Slow: aaaa\r\n'),
    );
    await allClosed(clients, HEADERS_TIMEOUT_MS + SLACK_MS);
    expect(clients.filter((c) => c.closedAt === null).length).toBe(0);
    expect(Math.max(...clients.map((c) => c.closedAt! - c.openedAt))).toBeLessThan(
      HEADERS_TIMEOUT_MS + SLACK_MS,
    );
  });
});

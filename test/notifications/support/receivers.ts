import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** The generic webhook's signature checked against SIGNING_SECRET (null: not a signed request). */
  signatureValid: boolean | null;
}

export const SIGNING_SECRET = 'webhook-signing-secret-5f0e1a';

/** How a receiver verifies the generic webhook (the README's recipe): HMAC-SHA256 over `<timestamp>.<body>`. */
export function verifySignature(headers: IncomingMessage['headers'], body: string, secret: string): boolean {
  const ts = String(headers['x-proprouter-timestamp'] ?? '');
  const given = String(headers['x-proprouter-signature'] ?? '');
  const expected = `sha256=${createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex')}`;
  const fresh = Math.abs(Date.now() / 1000 - Number(ts)) < 300;
  return (
    fresh && given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected))
  );
}

/** A planned answer for the next requests to a path: a status (and body/headers), `times` times. */
export interface Fault {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  times: number;
}

/**
 * One loopback HTTP server standing in for Telegram (`/bot<token>/sendMessage`), Discord and Slack webhooks
 * and generic webhooks (any other path): records every request; answers as each service does, or a fault.
 */
export class HttpReceivers {
  readonly received: Received[] = [];
  /** Every request's path, answered with a fault or not, in arrival order. */
  readonly hits: string[] = [];
  private readonly faults = new Map<string, Fault[]>();
  private server!: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const path = req.url ?? '/';
        const signed = req.headers['x-proprouter-signature'] !== undefined;
        const signatureValid = signed ? verifySignature(req.headers, body, SIGNING_SECRET) : null;
        this.hits.push(path);
        const fault = this.nextFault(path);
        if (fault) {
          res.writeHead(fault.status, { 'content-type': 'application/json', ...(fault.headers ?? {}) });
          res.end(JSON.stringify(fault.body ?? { ok: false }));
          return;
        }
        this.received.push({ path, headers: req.headers, body, signatureValid });
        if (path.includes('/sendMessage'))
          res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true,"result":{}}');
        else if (path.startsWith('/discord')) res.writeHead(204).end();
        else res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      });
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** The next `times` requests to `path` get this answer instead. */
  fail(path: string, fault: Fault): void {
    this.faults.set(path, [...(this.faults.get(path) ?? []), fault]);
  }

  /** The planned faults for `path` are dropped: it answers as its service does again. */
  heal(path: string): void {
    this.faults.delete(path);
  }

  /** How many requests reached `path`, faults included. */
  hitsOn(path: string): number {
    return this.hits.filter((p) => p === path).length;
  }

  on(path: string): Received[] {
    return this.received.filter((r) => r.path === path);
  }

  private nextFault(path: string): Fault | null {
    const list = this.faults.get(path);
    const f = list?.[0];
    if (!f) return null;
    f.times -= 1;
    if (f.times <= 0) list.shift();
    return f;
  }

  close(): Promise<void> {
    return new Promise((r) => this.server.close(() => r()));
  }
}

export interface Mail {
  from: string;
  to: string[];
  data: string;
  user: string | null;
}

/** An in-process SMTP server on loopback (no TLS, plain AUTH allowed), keeping every message. */
export class SmtpReceiver {
  readonly mails: Mail[] = [];
  private server!: SMTPServer;
  port = 0;

  async start(credentials: { user: string; pass: string }): Promise<this> {
    this.server = new SMTPServer({
      secure: false,
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      authOptional: false,
      logger: false,
      onAuth: (auth, _session, cb) =>
        auth.username === credentials.user && auth.password === credentials.pass
          ? cb(null, { user: auth.username })
          : cb(new Error('Invalid username or password')),
      onData: (stream, session, cb) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          this.mails.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            data: Buffer.concat(chunks).toString('utf8'),
            user: (session.user as string | undefined) ?? null,
          });
          cb();
        });
      },
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  close(): Promise<void> {
    return new Promise((r) => this.server.close(() => r()));
  }
}

/** Polls `fn` every 25 ms until it holds (or fails after `timeoutMs`). */
export async function until(
  fn: () => boolean | Promise<boolean>,
  timeoutMs = 5000,
  explain: () => unknown = () => '',
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await fn())) {
    if (Date.now() > end) throw new Error(`condition not met in time ${JSON.stringify(await explain())}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

import { WebSocket } from 'ws';
import type { Clock } from '../../../platform/time/clock';
import type { PlatformStream, StreamListener } from '../../application/ports/platform-stream.port';
import { BackoffPolicy, backoffDelay } from '../stream/reconnect-backoff';
import {
  CLIENT_HEARTBEAT,
  parseServerFrame,
  propsData,
  requestFrame,
  ServerMessage,
} from './tradovate-frames';
import { TradovatePictures } from './tradovate-pictures';

/** What the stream needs of its login: the shared access token, contract names, redaction. */
export interface UserStreamLogin {
  /** A live access token (renewed before expiry by the login's session). */
  accessToken(): Promise<string>;
  /** Forget the token after the platform refused it: the next call logs in again. */
  invalidateToken(): void;
  contractNameOf(contractId: number): Promise<string>;
  /** Replaces any credential or token in a text. */
  redact(text: string): string;
}

export interface UserStreamTimings {
  /** Our `[]` heartbeat (Tradovate expects one every ~2.5 s); also when the token's renewal is checked. */
  heartbeatMs: number;
  /** No frame at all for this long (the server heartbeats every 2.5 s): the socket is dead. */
  deadAfterMs: number;
  /** From the connection attempt to the initial picture: longer is a failed attempt. */
  connectTimeoutMs: number;
  backoff: BackoffPolicy;
}

export const USER_STREAM_TIMINGS: UserStreamTimings = {
  heartbeatMs: 2500,
  deadAfterMs: 10_000,
  connectTimeoutMs: 10_000,
  backoff: { baseMs: 250, maxMs: 15_000 },
};

/** Entity types of the sync: the docs' default is none, so they are listed. */
const ENTITY_TYPES = ['account', 'cashBalance', 'position', 'fill', 'order', 'orderVersion', 'contract'];
const AUTHORIZE_ID = 0;
const SYNC_ID = 1;

export interface UserStreamOptions {
  url: string;
  login: UserStreamLogin;
  /** Tradovate account id → trading account id, for the accounts this stream keeps. */
  accounts: ReadonlyMap<number, number>;
  listener: StreamListener;
  clock: Clock;
  timings?: UserStreamTimings;
}

/**
 * One Tradovate login's user WebSocket (one socket for all its accounts): `authorize` with the login's access
 * token, `user/syncrequest` for the accounts and entity types, then `props` events. Each event gives the
 * listener the full picture of the account it touched (TradovatePictures) with the fills first seen. The
 * `[]` heartbeat is sent every 2.5 s; a socket silent for `deadAfterMs` is dropped; every drop reports the
 * stream down and reconnects after a jittered backoff; a refused token is dropped so that the next attempt
 * logs in again. Frames are handled one after another (contract names may need a REST look-up).
 */
export class TradovateUserStream implements PlatformStream {
  private readonly timings: UserStreamTimings;
  private readonly pictures: TradovatePictures;
  private ws: WebSocket | null = null;
  private generation = 0;
  private attempt = 0;
  private up: boolean | null = null;
  private lastError: string | null = null;
  private closed = false;
  private lastFrameAt = 0;
  private openedAt = 0;
  private work: Promise<void> = Promise.resolve();
  private reconnectTimer: NodeJS.Timeout | null = null;
  private readonly ticker: NodeJS.Timeout;

  constructor(private readonly opts: UserStreamOptions) {
    this.timings = opts.timings ?? USER_STREAM_TIMINGS;
    this.pictures = new TradovatePictures(opts.accounts);
    this.ticker = setInterval(() => this.tick(), this.timings.heartbeatMs);
    this.ticker.unref(); // an open socket keeps the process alive, the timers alone do not
    this.connect();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.ticker);
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const ws = this.ws;
    this.ws = null;
    if (!ws || ws.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => ws.terminate(), 1000);
      ws.once('close', () => {
        clearTimeout(force);
        resolve();
      });
      ws.close(1000);
    });
  }

  private connect(): void {
    if (this.closed) return;
    const generation = ++this.generation;
    const ws = new WebSocket(this.opts.url, { handshakeTimeout: this.timings.connectTimeoutMs });
    this.ws = ws;
    this.openedAt = this.lastFrameAt = Date.now();
    const mine = () => generation === this.generation && !this.closed;
    ws.on('message', (data: Buffer) => {
      if (!mine()) return;
      this.lastFrameAt = Date.now();
      const text = data.toString('utf8');
      this.work = this.work
        .then(() => (mine() ? this.frame(text) : undefined))
        .catch((error: unknown) => this.fail(generation, reason(error)));
    });
    ws.on('error', (error) => this.fail(generation, error.message));
    ws.on('close', (code) => this.fail(generation, `socket closed (${code})`));
  }

  private async frame(text: string): Promise<void> {
    const frame = parseServerFrame(text);
    switch (frame.kind) {
      case 'open':
        return this.send(requestFrame('authorize', AUTHORIZE_ID, await this.opts.login.accessToken()));
      case 'heartbeat':
        return;
      case 'close':
        throw new Error(`the server closed the stream: ${frame.reason}`);
      case 'malformed':
        throw new Error('the server sent a frame that is not Tradovate framing');
      case 'messages':
        for (const message of frame.messages) await this.message(message);
    }
  }

  private async message(m: ServerMessage): Promise<void> {
    if (m.kind === 'response') return this.response(m.id, m.status, m.data);
    if (m.event === 'shutdown') throw new Error(`the server shut the stream down: ${JSON.stringify(m.data)}`);
    const event = propsData(m);
    if (!event || this.up !== true) return;
    await this.deliver(this.pictures.apply(event));
  }

  private async response(id: number, status: number, data: unknown): Promise<void> {
    if (id === AUTHORIZE_ID && status === 200) {
      const body = {
        splitResponses: true,
        accounts: [...this.opts.accounts.keys()],
        entityTypes: ENTITY_TYPES,
      };
      return this.send(requestFrame('user/syncrequest', SYNC_ID, body));
    }
    if (id === AUTHORIZE_ID) {
      if (status === 401) this.opts.login.invalidateToken();
      throw new Error(`authorization refused (${status})`);
    }
    if (id !== SYNC_ID) return;
    if (status !== 200 || !data || typeof data !== 'object')
      throw new Error(`user/syncrequest failed (${status})`);
    await this.deliver(this.pictures.load(data as Record<string, unknown>));
    this.attempt = 0;
    this.status(true, null);
  }

  /** Names the contracts the pictures lack, then hands each touched account's picture to the listener. */
  private async deliver(accountIds: number[]): Promise<void> {
    for (const id of this.pictures.unnamed()) {
      this.pictures.named(id, await this.opts.login.contractNameOf(id));
    }
    const readAt = this.opts.clock.now().toISOString();
    for (const accountId of accountIds)
      this.opts.listener.onSnapshot(this.pictures.picture(accountId, readAt));
  }

  /** Heartbeat, dead-socket and slow-connect detection, and keeping the login's token renewed. */
  private tick(): void {
    const ws = this.ws;
    if (this.closed || !ws) return;
    const now = Date.now();
    if (ws.readyState === WebSocket.OPEN) ws.send(CLIENT_HEARTBEAT);
    if (now - this.lastFrameAt > this.timings.deadAfterMs) {
      this.fail(this.generation, `no frame for ${this.timings.deadAfterMs} ms`);
    } else if (this.up !== true && now - this.openedAt > this.timings.connectTimeoutMs) {
      this.fail(this.generation, `not subscribed within ${this.timings.connectTimeoutMs} ms`);
    }
    if (this.up === true) this.opts.login.accessToken().catch(() => undefined);
  }

  /** Drops the attempt's socket, reports the stream down and schedules the next attempt (once per attempt). */
  private fail(generation: number, error: string): void {
    if (generation !== this.generation || this.closed) return;
    this.generation++;
    this.ws?.removeAllListeners('close');
    this.ws?.on('error', () => undefined);
    this.ws?.terminate();
    this.ws = null;
    this.status(false, `Tradovate user stream: ${this.opts.login.redact(error)}`);
    const delay = backoffDelay(this.attempt++, this.timings.backoff);
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
    this.reconnectTimer.unref();
  }

  /** Reports a change: up, down, or still down for another reason. */
  private status(up: boolean, error: string | null): void {
    if (this.up === up && this.lastError === error) return;
    this.up = up;
    this.lastError = error;
    this.opts.listener.onStatus({ up, error });
  }

  private send(frame: string): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(frame);
  }
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

import { Logger } from '@nestjs/common';
import { Client } from 'pg';

const FIRST_BACKOFF_MS = 250;
const MAX_BACKOFF_MS = 10_000;
/** The payloads are notified in the array's order (a function scan returns its rows in order). */
const NOTIFY_EACH = 'SELECT pg_notify($1, p) FROM unnest($2::text[]) AS p';

export interface ListenHandlers {
  onMessage(payload: string): void;
  /**
   * Called on every connect, the first included (`first`): on a reconnect, messages sent while nobody
   * listened were missed.
   */
  onConnected(first: boolean): void;
}

/**
 * One dedicated connection that LISTENs on `channel` and may also send this process's NOTIFYs on it (so
 * they never take a connection of the pool the hot paths use). When it drops (database restart, network)
 * it reconnects with exponential backoff; a lost connection is logged, never thrown.
 */
export class PgListenConnection {
  private readonly log: Logger;
  private client: Client | null = null;
  private backoffMs = FIRST_BACKOFF_MS;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private connectedOnce = false;

  constructor(
    private readonly url: string,
    private readonly channel: string,
    private readonly handlers: ListenHandlers,
    logContext: string,
  ) {
    this.log = new Logger(logContext);
  }

  /** Connects; resolves after the first attempt (listening, or a retry scheduled). */
  start(): Promise<void> {
    this.closed = false;
    return this.connect();
  }

  get up(): boolean {
    return this.client !== null;
  }

  /**
   * Sends one NOTIFY per payload, in order, in one statement (one round trip and one commit however many);
   * false when the connection is down (the messages are dropped).
   */
  async notify(payloads: string[]): Promise<boolean> {
    const client = this.client;
    if (!client) return false;
    if (payloads.length === 0) return true;
    try {
      await client.query(NOTIFY_EACH, [this.channel, payloads]);
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    this.timer = null;
    if (this.closed) return;
    const client = new Client({ connectionString: this.url, connectionTimeoutMillis: 3000, keepAlive: true });
    let lost = false;
    const onLost = (err?: Error) => {
      if (lost) return;
      lost = true;
      this.dropped(client, err);
    };
    client.on('notification', (n) => this.handlers.onMessage(n.payload ?? ''));
    client.on('error', onLost);
    client.on('end', () => onLost());
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
      if (this.closed) return void (await client.end());
      this.client = client;
      this.backoffMs = FIRST_BACKOFF_MS;
      const first = !this.connectedOnce;
      this.connectedOnce = true;
      this.handlers.onConnected(first);
    } catch (err) {
      onLost(err as Error);
    }
  }

  private dropped(client: Client, err?: Error): void {
    if (this.client === client) this.client = null;
    client.end().catch(() => undefined);
    if (this.closed) return;
    this.log.warn(
      `LISTEN connection lost (${err?.message ?? 'closed'}); reconnecting in ${this.backoffMs} ms`,
    );
    this.timer = setTimeout(() => void this.connect(), this.backoffMs);
    this.timer.unref();
    this.backoffMs = Math.min(this.backoffMs * 2, MAX_BACKOFF_MS);
  }
}

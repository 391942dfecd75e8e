import { Inject, Injectable, Logger } from '@nestjs/common';
import { Client } from 'pg';
import { DATABASE_URL } from '../../platform/database/database.module';
import { TaskNotifications } from '../application/ports/task-notifications.port';
import { TASK_CHANNEL } from './persistence/task-queue.sql';

const FIRST_BACKOFF_MS = 250;
const MAX_BACKOFF_MS = 10_000;

/**
 * A dedicated connection doing `LISTEN execution_tasks`. When it drops (database restart, network), it
 * reconnects with exponential backoff; a lost connection is logged, never thrown, so the process lives on
 * and the router falls back to its interval meanwhile.
 */
@Injectable()
export class PgTaskNotifications extends TaskNotifications {
  private readonly log = new Logger('TaskNotifications');
  private client: Client | null = null;
  private onNotify: () => void = () => undefined;
  private backoffMs = FIRST_BACKOFF_MS;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(@Inject(DATABASE_URL) private readonly url: string) {
    super();
  }

  async listen(onNotify: () => void): Promise<void> {
    this.onNotify = onNotify;
    this.closed = false;
    await this.connect();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    this.reconnectTimer = null;
    if (this.closed) return;
    const client = new Client({ connectionString: this.url, connectionTimeoutMillis: 3000, keepAlive: true });
    let lost = false;
    const onLost = (err?: Error) => {
      if (lost) return;
      lost = true;
      this.dropped(client, err);
    };
    client.on('notification', () => this.onNotify());
    client.on('error', onLost);
    client.on('end', () => onLost());
    try {
      await client.connect();
      await client.query(`LISTEN ${TASK_CHANNEL}`);
      if (this.closed) return void (await client.end());
      this.client = client;
      this.backoffMs = FIRST_BACKOFF_MS;
      // tasks queued while nobody listened were not announced: look once
      this.onNotify();
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
    this.reconnectTimer = setTimeout(() => void this.connect(), this.backoffMs);
    this.reconnectTimer.unref();
    this.backoffMs = Math.min(this.backoffMs * 2, MAX_BACKOFF_MS);
  }
}

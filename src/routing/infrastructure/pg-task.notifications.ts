import { Inject, Injectable } from '@nestjs/common';
import { DATABASE_URL } from '../../platform/database/database.module';
import { PgListenConnection } from '../../platform/database/pg-listen.connection';
import { TaskNotifications } from '../application/ports/task-notifications.port';
import { TASK_CHANNEL } from './persistence/task-queue.sql';

/**
 * `LISTEN execution_tasks` on a dedicated connection that reconnects on its own: while it is down the
 * router falls back to its interval, and on every connect — the first included — the router looks once,
 * since tasks queued while nobody listened were not announced.
 */
@Injectable()
export class PgTaskNotifications extends TaskNotifications {
  private connection: PgListenConnection | null = null;

  constructor(@Inject(DATABASE_URL) private readonly url: string) {
    super();
  }

  async listen(onNotify: () => void): Promise<void> {
    await this.connection?.close();
    this.connection = new PgListenConnection(
      this.url,
      TASK_CHANNEL,
      { onMessage: () => onNotify(), onConnected: () => onNotify() },
      'TaskNotifications',
    );
    await this.connection.start();
  }

  async close(): Promise<void> {
    await this.connection?.close();
    this.connection = null;
  }
}

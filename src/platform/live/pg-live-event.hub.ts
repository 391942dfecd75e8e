import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DATABASE_URL } from '../database/database.module';
import { liveConfig, LiveSettings } from './live.config';
import { LiveEventRing } from './live-event.ring';
import { LIVE_EVENT_TYPES, LiveEvent, LiveEventFeed, LiveEvents, LiveEventType, Resume } from './live-events';
import { PgListenConnection } from '../database/pg-listen.connection';

export const LIVE_CHANNEL = 'proprouter_live';
/** Postgres refuses a NOTIFY payload of 8,000 bytes or more. */
const MAX_PAYLOAD = 7_000;
const RING_SIZE = 1_000;

interface Pending {
  type: LiveEventType;
  /** Date.now() at publish: made ISO 8601 text when the batch is sent, not on the publisher's path. */
  at: number;
  data: Record<string, unknown>;
}

/**
 * The live events of every process sharing the database. Published events are batched and sent with one
 * NOTIFY per 7 KB of a batch, all of a batch's in one statement (one round trip and one commit), on a
 * dedicated connection, after the writer's commit and outside its transaction: a NOTIFY takes a
 * database-wide lock at commit, which a trigger on the tasks or orders would have taken once per insert.
 * Every process LISTENs (its own events included), numbers what it receives and hands it to its
 * subscribers, keeping the last 1,000 for Last-Event-ID.
 */
@Injectable()
export class PgLiveEventHub extends LiveEvents implements LiveEventFeed, OnModuleInit, OnModuleDestroy {
  private readonly log = new Logger('LiveEvents');
  private readonly ring = new LiveEventRing(epoch(), RING_SIZE);
  private readonly listeners = new Set<(e: LiveEvent) => void>();
  private readonly connection: PgListenConnection;
  private pending = new Map<string, Pending>();
  private unkeyed = 0;
  private flushTimer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(DATABASE_URL) url: string,
    @Inject(liveConfig.KEY) private readonly settings: LiveSettings,
  ) {
    super();
    this.connection = new PgListenConnection(
      url,
      LIVE_CHANNEL,
      {
        onMessage: (payload) => this.received(payload),
        onConnected: (first) => {
          if (!first)
            this.deliver('resync', { reason: 'the event connection to the database was re-established' });
        },
      },
      'LiveEvents',
    );
  }

  onModuleInit(): void {
    void this.connection.start();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    await this.flush();
    await this.connection.close();
  }

  publish(type: LiveEventType, data: Record<string, unknown>, key?: string): void {
    this.pending.set(key ?? `#${this.unkeyed++}`, { type, at: Date.now(), data });
    if (!this.flushTimer) {
      this.flushTimer = setTimeout(() => void this.flush(), this.settings.EVENTS_FLUSH_MS);
      this.flushTimer.unref();
    }
  }

  subscribe(
    listener: (event: LiveEvent) => void,
    lastEventId?: string,
  ): { resume: Resume; unsubscribe: () => void } {
    const resume = lastEventId ? this.ring.since(lastEventId) : [];
    this.listeners.add(listener);
    return { resume, unsubscribe: () => this.listeners.delete(listener) };
  }

  subscriberCount(): number {
    return this.listeners.size;
  }

  /** Sends what was published since the last flush; too many at once become one `resync`. */
  private async flush(): Promise<void> {
    this.flushTimer = null;
    if (this.pending.size === 0) return;
    let batch = [...this.pending.values()];
    this.pending = new Map();
    if (batch.length > this.settings.EVENTS_MAX_PER_FLUSH) {
      const data = { reason: `${batch.length} events at once`, dropped: batch.length };
      batch = [{ type: 'resync', at: Date.now(), data }];
    }
    if (!(await this.connection.notify(chunks(batch)))) {
      this.log.debug(`live events dropped: the event connection is down`);
    }
  }

  private received(payload: string): void {
    let batch: unknown;
    try {
      batch = JSON.parse(payload);
    } catch {
      return;
    }
    if (!Array.isArray(batch)) return;
    for (const item of batch as Partial<{ type: string; at: string; data: Record<string, unknown> }>[]) {
      if (!item || !LIVE_EVENT_TYPES.includes(item.type as LiveEventType)) continue;
      this.deliver(item.type as LiveEventType, item.data ?? {}, item.at);
    }
  }

  private deliver(type: LiveEventType, data: Record<string, unknown>, at = new Date().toISOString()): void {
    const event: LiveEvent = { id: this.ring.next(), type, at, data };
    this.ring.keep(event);
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (e) {
        this.log.warn(`a live event subscriber failed: ${(e as Error).message}`);
      }
    }
  }
}

/** JSON arrays of whole events, each under the NOTIFY payload limit (an event alone over it is left out). */
function chunks(batch: Pending[]): string[] {
  const out: string[] = [];
  let parts: string[] = [];
  let size = 2;
  for (const item of batch) {
    const text = JSON.stringify({ type: item.type, at: new Date(item.at).toISOString(), data: item.data });
    const bytes = Buffer.byteLength(text);
    if (bytes + 2 > MAX_PAYLOAD) continue;
    if (size + bytes + 1 > MAX_PAYLOAD) {
      out.push(`[${parts.join(',')}]`);
      parts = [];
      size = 2;
    }
    parts.push(text);
    size += bytes + 1;
  }
  if (parts.length > 0) out.push(`[${parts.join(',')}]`);
  return out;
}

function epoch(): string {
  return Date.now().toString(36) + randomBytes(3).toString('hex');
}

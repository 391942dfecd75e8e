import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PgSql } from '../../../platform/database/pg-sql';
import { ClaimedDelivery, DeliveryRecord, NewEvent, Outbox } from '../../application/ports/outbox.port';
import type { NotificationEvent, NotificationKind } from '../../domain/notification-event';
import type { Subscription } from '../../domain/subscription';
import { CHANNEL_COLUMNS, ChannelRow, toChannel } from './channel-rows';

const PENDING_EVENTS = `SELECT id, kind, account_id, payload, occurred_at FROM notification_outbox
  WHERE dispatched_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`;
const CHANNELS = 'SELECT id, enabled, events, account_ids FROM notification_channels WHERE enabled';
const FAN_OUT = `INSERT INTO notification_deliveries (event_id, channel_id)
  SELECT * FROM unnest($1::bigint[], $2::int[]) ON CONFLICT DO NOTHING`;
const DISPATCHED = 'UPDATE notification_outbox SET dispatched_at = now() WHERE id = ANY($1::bigint[])';

// Due deliveries of channels not waiting out a rate limit, oldest first; the lease fences every later write.
const CLAIM = `WITH due AS (
    SELECT d.id FROM notification_deliveries d JOIN notification_channels c ON c.id = d.channel_id
    WHERE d.status = 'PENDING' AND d.next_attempt_at <= now() AND (d.locked_until IS NULL OR d.locked_until < now())
      AND (c.paused_until IS NULL OR c.paused_until <= now()) AND NOT (d.channel_id = ANY($4::int[]))
    ORDER BY d.id LIMIT $3 FOR UPDATE OF d SKIP LOCKED)
  UPDATE notification_deliveries d SET locked_by = $1, locked_until = now() + $2 * interval '1 millisecond',
    attempts = d.attempts + 1, updated_at = now()
  FROM due WHERE d.id = due.id
  RETURNING d.id, d.attempts, d.event_id, d.channel_id`;
const RECENT = `SELECT d.id, d.status, d.attempts, d.last_error, d.next_attempt_at, d.sent_at, d.created_at,
    e.id AS event_id, e.kind, e.account_id, e.payload, e.occurred_at
  FROM notification_deliveries d JOIN notification_outbox e ON e.id = d.event_id
  WHERE d.channel_id = $1 ORDER BY d.id DESC LIMIT $2`;
const MINE = `id = $1 AND locked_by = $2 AND status = 'PENDING'`;

interface EventRow {
  id: string;
  kind: NotificationKind;
  account_id: number | null;
  payload: Record<string, unknown>;
  occurred_at: Date;
}

function toEvent(r: EventRow): NotificationEvent {
  return {
    id: Number(r.id),
    kind: r.kind,
    accountId: r.account_id,
    payload: r.payload,
    occurredAt: r.occurred_at,
  };
}

/** The outbox tables on Postgres. */
@Injectable()
export class PgOutbox extends Outbox {
  constructor(
    private readonly sql: PgSql,
    private readonly dataSource: DataSource,
  ) {
    super();
  }

  dispatch(limit: number, match: (c: Subscription, e: NotificationEvent) => boolean): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      const events = ((await m.query(PENDING_EVENTS, [limit])) as EventRow[]).map(toEvent);
      if (events.length === 0) return 0;
      const channels = (await m.query(CHANNELS)) as {
        id: number;
        enabled: boolean;
        events: string[];
        account_ids: number[] | null;
      }[];
      const pairs = events.flatMap((e) =>
        channels
          .filter((c) => match({ enabled: c.enabled, events: c.events, accountIds: c.account_ids }, e))
          .map((c) => [e.id, c.id]),
      );
      if (pairs.length > 0) await m.query(FAN_OUT, [pairs.map((p) => p[0]), pairs.map((p) => p[1])]);
      await m.query(DISPATCHED, [events.map((e) => e.id)]);
      return events.length;
    });
  }

  async claim(
    holder: string,
    leaseMs: number,
    limit: number,
    skipChannels: number[] = [],
  ): Promise<ClaimedDelivery[]> {
    const claimed = await this.sql.query<{
      id: string;
      attempts: number;
      event_id: string;
      channel_id: number;
    }>(CLAIM, [holder, leaseMs, limit, skipChannels]);
    if (claimed.rows.length === 0) return [];
    const [events, channels] = await Promise.all([
      this.sql.query<EventRow>(
        'SELECT id, kind, account_id, payload, occurred_at FROM notification_outbox WHERE id = ANY($1::bigint[])',
        [claimed.rows.map((r) => r.event_id)],
      ),
      this.sql.query<ChannelRow>(
        `SELECT ${CHANNEL_COLUMNS} FROM notification_channels c WHERE id = ANY($1::int[])`,
        [claimed.rows.map((r) => r.channel_id)],
      ),
    ]);
    const eventById = new Map(events.rows.map((r) => [Number(r.id), toEvent(r)]));
    const channelById = new Map(channels.rows.map((r) => [r.id, toChannel(r)]));
    return claimed.rows
      .map((r) => ({
        id: Number(r.id),
        attempts: r.attempts,
        event: eventById.get(Number(r.event_id))!,
        channel: channelById.get(r.channel_id)!,
      }))
      .filter((d) => d.event && d.channel)
      .sort((a, b) => a.id - b.id);
  }

  async renew(id: number, holder: string, leaseMs: number): Promise<boolean> {
    const r = await this.sql.query(
      `UPDATE notification_deliveries SET locked_until = now() + $3 * interval '1 millisecond', updated_at = now()
         WHERE ${MINE} AND locked_until > now() RETURNING id`,
      [id, holder, leaseMs],
    );
    return r.rows.length === 1;
  }

  async sent(id: number, holder: string): Promise<void> {
    await this.sql.query(
      `UPDATE notification_deliveries SET status = 'SENT', sent_at = now(), locked_until = NULL, last_error = NULL, updated_at = now() WHERE ${MINE}`,
      [id, holder],
    );
  }

  async retry(id: number, holder: string, delayMs: number, error: string, counted: boolean): Promise<void> {
    await this.sql.query(
      `UPDATE notification_deliveries SET next_attempt_at = now() + $3 * interval '1 millisecond', last_error = $4,
         attempts = attempts - CASE WHEN $5 THEN 0 ELSE 1 END, locked_until = NULL, updated_at = now() WHERE ${MINE}`,
      [id, holder, delayMs, error, counted],
    );
  }

  async failed(id: number, holder: string, error: string): Promise<void> {
    await this.sql.query(
      `UPDATE notification_deliveries SET status = 'FAILED', last_error = $3, locked_until = NULL, updated_at = now() WHERE ${MINE}`,
      [id, holder, error],
    );
  }

  async release(holder: string): Promise<void> {
    await this.sql.query(
      `UPDATE notification_deliveries SET locked_until = NULL, attempts = attempts - 1 WHERE locked_by = $1 AND status = 'PENDING' AND locked_until > now()`,
      [holder],
    );
  }

  async add(e: NewEvent): Promise<boolean> {
    const r = await this.sql.query(
      `INSERT INTO notification_outbox (kind, account_id, payload, dedupe_key) VALUES ($1, $2, $3::jsonb, $4) ON CONFLICT (dedupe_key) DO NOTHING`,
      [e.kind, e.accountId, JSON.stringify(e.payload), e.dedupeKey],
    );
    return (r.rowCount ?? 0) > 0;
  }

  async lastAlertAt(): Promise<Date | null> {
    const r = await this.sql.query<{ at: Date | null }>(
      'SELECT max(created_at) AS at FROM execution_tasks',
      [],
    );
    return r.rows[0]?.at ?? null;
  }

  async deliveryCounts(
    ids: number[],
  ): Promise<Map<number, { pending: number; sent: number; failed: number }>> {
    const r = await this.sql.query<{ channel_id: number; pending: number; sent: number; failed: number }>(
      `SELECT channel_id, count(*) FILTER (WHERE status = 'PENDING')::int AS pending, count(*) FILTER (WHERE status = 'SENT')::int AS sent,
         count(*) FILTER (WHERE status = 'FAILED')::int AS failed
       FROM notification_deliveries WHERE channel_id = ANY($1::int[]) GROUP BY channel_id`,
      [ids],
    );
    return new Map(
      r.rows.map((row) => [row.channel_id, { pending: row.pending, sent: row.sent, failed: row.failed }]),
    );
  }

  async recentDeliveries(channelId: number, limit: number): Promise<DeliveryRecord[]> {
    const r = await this.sql.query<
      Omit<EventRow, 'id'> & {
        id: string;
        event_id: string;
        status: DeliveryRecord['status'];
        attempts: number;
        last_error: string | null;
        next_attempt_at: Date;
        sent_at: Date | null;
        created_at: Date;
      }
    >(RECENT, [channelId, limit]);
    return r.rows.map((row) => ({
      id: Number(row.id),
      status: row.status,
      attempts: row.attempts,
      lastError: row.last_error,
      nextAttemptAt: row.next_attempt_at,
      sentAt: row.sent_at,
      createdAt: row.created_at,
      event: toEvent({ ...row, id: row.event_id }),
    }));
  }
}

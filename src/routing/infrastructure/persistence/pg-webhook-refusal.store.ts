import { Injectable } from '@nestjs/common';
import { PgSql } from '../../../platform/database/pg-sql';
import type { WebhookRefusal } from '../../domain/webhook-refusal';
import { StoredRefusal, WebhookRefusalStore } from '../../application/ports/webhook-refusal.store.port';

// one statement: the new row, and the oldest beyond `keep` dropped (the table never grows past it)
const INSERT = `
  WITH added AS (
    INSERT INTO webhook_refusals (status, reason, problems, ip, path, body, suppressed_before)
    VALUES ($1, $2, $3::jsonb, $4, $5, $6, $7) RETURNING id
  )
  DELETE FROM webhook_refusals WHERE id <= (SELECT id FROM added) - $8`;

const LIST = `
  SELECT id, received_at, status, reason, problems, ip, path, body, suppressed_before
  FROM webhook_refusals WHERE ($3::int IS NULL OR status = $3)
  ORDER BY id DESC LIMIT $1 OFFSET $2`;
const COUNT = `SELECT COUNT(*) AS total FROM webhook_refusals WHERE ($1::int IS NULL OR status = $1)`;

interface Row {
  id: string;
  received_at: Date;
  status: number;
  reason: string;
  problems: string[];
  ip: string;
  path: string;
  body: string | null;
  suppressed_before: number;
}

@Injectable()
export class PgWebhookRefusalStore extends WebhookRefusalStore {
  constructor(private readonly sql: PgSql) {
    super();
  }

  async insert(r: WebhookRefusal, suppressedBefore: number, keep: number): Promise<void> {
    await this.sql.query(INSERT, [
      r.status,
      r.reason,
      JSON.stringify(r.problems),
      r.ip,
      r.path,
      r.body,
      suppressedBefore,
      keep,
    ]);
  }

  async list(page: { limit: number; offset: number; status?: number }): Promise<{
    total: number;
    items: StoredRefusal[];
  }> {
    const status = page.status ?? null;
    const [list, count] = await Promise.all([
      this.sql.query<Row>(LIST, [page.limit, page.offset, status]),
      this.sql.query<{ total: string }>(COUNT, [status]),
    ]);
    const rows = list.rows;
    return {
      total: Number(count.rows[0].total),
      items: rows.map((row) => ({
        id: Number(row.id),
        receivedAt: row.received_at,
        status: row.status,
        reason: row.reason,
        problems: row.problems,
        ip: row.ip,
        path: row.path,
        body: row.body,
        suppressedBefore: row.suppressed_before,
      })),
    };
  }
}

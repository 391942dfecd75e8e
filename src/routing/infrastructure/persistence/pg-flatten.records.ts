import { Injectable } from '@nestjs/common';
import { PgSql } from '../../../platform/database/pg-sql';
import type { FlattenRequest } from '../../application/ports/account-flattener.port';
import { FlattenEntry, FlattenHistory } from '../../application/ports/flatten-history.port';
import { FlattenRecord, FlattenRecords } from '../../application/ports/flatten-records.port';

const START = `INSERT INTO account_flattens (account_id, cause, reason, requested_by)
  VALUES ($1, $2, $3, $4) RETURNING id, at`;

// Written once: the trigger on this update emits account.flattened in the same transaction.
const FINISH = `UPDATE account_flattens SET outcome = $2, closed = $3::jsonb, cancelled = $4::jsonb, error = $5,
    finished_at = now()
  WHERE id = $1 AND outcome = 'RUNNING'`;

const RECENT = `SELECT id, account_id, cause, reason, requested_by, outcome, closed, error, at, finished_at
  FROM account_flattens ORDER BY id DESC LIMIT $1`;

interface FlattenRow {
  id: string;
  account_id: number;
  cause: FlattenEntry['cause'];
  reason: string;
  requested_by: string;
  outcome: FlattenEntry['outcome'];
  closed: FlattenEntry['closed'];
  error: string | null;
  at: Date;
  finished_at: Date | null;
}

/** FlattenRecords and FlattenHistory on the `account_flattens` table. */
@Injectable()
export class PgFlattenRecords extends FlattenRecords implements FlattenHistory {
  constructor(private readonly sql: PgSql) {
    super();
  }

  async start(r: FlattenRequest): Promise<{ id: number; at: Date }> {
    const res = await this.sql.query<{ id: string; at: Date }>(START, [
      r.accountId,
      r.cause,
      r.reason,
      r.requestedBy.slice(0, 100),
    ]);
    return { id: Number(res.rows[0].id), at: res.rows[0].at };
  }

  async finish(id: number, record: FlattenRecord): Promise<void> {
    const cancelled = record.cancelled.map((o) => ({
      order_id: o.orderId,
      client_order_id: o.clientOrderId,
      symbol: o.symbol,
      side: o.side,
      quantity: o.quantity,
      type: o.type,
    }));
    await this.sql.query(FINISH, [
      id,
      record.status,
      JSON.stringify(record.closed),
      JSON.stringify(cancelled),
      record.error,
    ]);
  }

  async recent(limit: number): Promise<FlattenEntry[]> {
    const res = await this.sql.query<FlattenRow>(RECENT, [limit]);
    return res.rows.map((r) => ({
      id: Number(r.id),
      accountId: r.account_id,
      cause: r.cause,
      reason: r.reason,
      requestedBy: r.requested_by,
      outcome: r.outcome,
      closed: r.closed,
      error: r.error,
      at: r.at,
      finishedAt: r.finished_at,
    }));
  }
}

import { Injectable } from '@nestjs/common';
import { PgSql } from '../../../platform/database/pg-sql';
import type { FlattenRequest } from '../../application/ports/account-flattener.port';
import { FlattenRecord, FlattenRecords } from '../../application/ports/flatten-records.port';

const START = `INSERT INTO account_flattens (account_id, cause, reason, requested_by)
  VALUES ($1, $2, $3, $4) RETURNING id, at`;

// Written once: the trigger on this update emits account.flattened in the same transaction.
const FINISH = `UPDATE account_flattens SET outcome = $2, closed = $3::jsonb, cancelled = $4::jsonb, error = $5,
    finished_at = now()
  WHERE id = $1 AND outcome = 'RUNNING'`;

/** FlattenRecords on the `account_flattens` table. */
@Injectable()
export class PgFlattenRecords extends FlattenRecords {
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
}

import { Injectable } from '@nestjs/common';
import type { RoutedEntry } from '../../domain/routing-plan';
import { OrderIntent, OrderOutcome, OrderStore, StoredOrder } from '../../application/ports/order-store.port';
import { RoutingSql } from './routing-sql';

const RESERVE = `INSERT INTO orders (task_id, trade_id, event_type, firm_code, program_id, client_order_id, symbol, side,
    quantity, status, raw_request)
  SELECT r.task_id, r.trade_id, r.event_type, r.firm_code, r.program_id, r.client_order_id, r.symbol, r.side,
    r.quantity, 'PENDING_SEND', r.raw_request
  FROM jsonb_to_recordset($1::jsonb) AS r(task_id bigint, trade_id text, event_type text, firm_code text,
    program_id int, client_order_id text, symbol text, side text, quantity int, raw_request jsonb)
  ON CONFLICT (client_order_id) DO NOTHING
  RETURNING client_order_id`;

const EXISTING = `SELECT client_order_id, status, external_order_id, raw_response, error_message
  FROM orders WHERE client_order_id = ANY($1::text[])`;

const RECORD = `UPDATE orders SET status = $2, external_order_id = $3, raw_request = COALESCE($4, raw_request),
    raw_response = $5, error_message = $6, updated_at = now()
  WHERE client_order_id = $1`;

const ROUTED_ENTRIES = `SELECT DISTINCT ON (firm_code) firm_code, symbol, side, quantity, external_order_id
  FROM orders WHERE trade_id = $1 AND event_type = 'entry' AND status = 'SUCCESS'
  ORDER BY firm_code, id`;

interface OrderRow {
  client_order_id: string;
  status: StoredOrder['status'];
  external_order_id: string | null;
  raw_response: unknown;
  error_message: string | null;
}

@Injectable()
export class PgOrderStore extends OrderStore {
  constructor(private readonly sql: RoutingSql) {
    super();
  }

  /** One statement in the usual case; the rows that already existed are read only when there are some. */
  async reserve(intents: OrderIntent[]): Promise<Map<string, StoredOrder>> {
    const rows = intents.map((i) => ({
      task_id: i.taskId,
      trade_id: i.tradeId,
      event_type: i.eventType,
      firm_code: i.firmCode,
      program_id: i.programId,
      client_order_id: i.clientOrderId,
      symbol: i.symbol,
      side: i.side,
      quantity: i.quantity,
      raw_request: i.rawRequest,
    }));
    const inserted = await this.sql.query<{ client_order_id: string }>(RESERVE, [JSON.stringify(rows)]);
    const reserved = new Set(inserted.rows.map((r) => r.client_order_id));
    const others = intents.map((i) => i.clientOrderId).filter((id) => !reserved.has(id));
    if (others.length === 0) return new Map();
    const existing = await this.sql.query<OrderRow>(EXISTING, [others]);
    return new Map(existing.rows.map((r) => [r.client_order_id, toStored(r)]));
  }

  async record(clientOrderId: string, o: OrderOutcome): Promise<void> {
    await this.sql.query(RECORD, [
      clientOrderId,
      o.status,
      o.externalOrderId,
      json(o.rawRequest),
      json(o.rawResponse),
      o.errorMessage,
    ]);
  }

  async routedEntries(tradeId: string): Promise<RoutedEntry[]> {
    const r = await this.sql.query<RoutedEntry>(ROUTED_ENTRIES, [tradeId]);
    return r.rows;
  }
}

function toStored(r: OrderRow): StoredOrder {
  return {
    clientOrderId: r.client_order_id,
    status: r.status,
    externalOrderId: r.external_order_id,
    rawResponse: r.raw_response,
    errorMessage: r.error_message,
  };
}

function json(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

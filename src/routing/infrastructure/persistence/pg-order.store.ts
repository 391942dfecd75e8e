import { Injectable } from '@nestjs/common';
import { Coalesced } from '../../application/coalesce';
import type { RoutedEntry } from '../../domain/routing-plan';
import {
  PendingOrder,
  OrderOutcome,
  OrderStore,
  StoredOrder,
} from '../../application/ports/order-store.port';
import { PgSql } from '../../../platform/database/pg-sql';
import { LiveEvents } from '../../../platform/live/live-events';

export const RESERVE = `INSERT INTO orders (task_id, flatten_id, trade_id, event_type, firm_code, account_id, account_label, program_id,
    client_order_id, symbol, side, quantity, status, raw_request, order_request, closes_order_id)
  SELECT r.task_id, r.flatten_id, r.trade_id, r.event_type, r.firm_code, r.account_id, r.account_label, r.program_id,
    r.client_order_id, r.symbol, r.side, r.quantity, 'PENDING_SEND', r.raw_request, r.raw_request, r.closes_order_id
  FROM jsonb_to_recordset($1::jsonb) AS r(task_id bigint, flatten_id bigint, trade_id text, event_type text, firm_code text,
    account_id int, account_label text, program_id int, client_order_id text, symbol text, side text, quantity int,
    raw_request jsonb, closes_order_id bigint)
  ON CONFLICT (client_order_id) DO NOTHING
  RETURNING client_order_id, task_id, account_id`;

const EXISTING = `SELECT client_order_id, status, external_order_id, raw_response, error_message,
    (extract(epoch FROM now() - created_at) * 1000)::float8 AS age_ms
  FROM orders WHERE client_order_id = ANY($1::text[])`;

// Only a row still PENDING_SEND or RETRY: an answer recorded meanwhile wins. A RETRY row keeps its message and
// is due no sooner than it was (GREATEST skips a NULL: a row whose schedule was never written gets one).
const DEFER = `UPDATE orders SET status = 'RETRY', updated_at = now(),
    error_message = CASE WHEN status = 'PENDING_SEND' THEN $3 ELSE error_message END,
    next_attempt_at = GREATEST(next_attempt_at, now() + $2 * interval '1 millisecond')
  WHERE client_order_id = ANY($1::text[]) AND status IN ('PENDING_SEND', 'RETRY')`;

const RECORD = `UPDATE orders SET status = $2, external_order_id = $3, raw_request = COALESCE($4, raw_request),
    raw_response = $5, error_message = $6, updated_at = now()
  WHERE client_order_id = $1
  RETURNING client_order_id, task_id, account_id`;

// The outcomes of one event-loop turn (a batch's orders answered together) in one statement. The ids are
// also given as an array: joined on the JSON alone, the planner (which takes a recordset for 100 rows)
// scanned the whole table before autovacuum's statistics, a few ms more per thousand orders.
const RECORD_MANY = `UPDATE orders o SET status = r.status, external_order_id = r.external_order_id,
    raw_request = COALESCE(r.raw_request, o.raw_request), raw_response = r.raw_response,
    error_message = r.error_message, updated_at = now()
  FROM jsonb_to_recordset($1::jsonb) AS r(client_order_id text, status text, external_order_id text,
    raw_request jsonb, raw_response jsonb, error_message text)
  WHERE o.client_order_id = r.client_order_id AND o.client_order_id = ANY($2::text[])
  RETURNING o.client_order_id, o.task_id, o.account_id`;

// Per account, the newest entry of the trade id still open: a reused id's earlier trades were closed by their
// own exits (each names its entry), and what the platform closed on its own (reconciliation: a stop or target
// filled) is not closed again. An entry whose exit is being sent, or waits for a re-drive, is not closed twice.
const ROUTED_ENTRIES = `SELECT DISTINCT ON (account_id) id AS order_id, account_id, firm_code, symbol, side,
    quantity - platform_closed_quantity AS quantity, external_order_id
  FROM orders e WHERE trade_id = $1 AND event_type = 'entry' AND status = 'SUCCESS' AND account_id IS NOT NULL
    AND quantity > platform_closed_quantity
    AND NOT EXISTS (SELECT 1 FROM orders x WHERE x.closes_order_id = e.id
                    AND x.status IN ('SUCCESS', 'PENDING_SEND', 'RETRY'))
  ORDER BY account_id, id DESC`;

interface OrderRow {
  client_order_id: string;
  status: StoredOrder['status'];
  external_order_id: string | null;
  raw_response: unknown;
  error_message: string | null;
  age_ms: number;
}

/** What an order's live event names it by (the rest is read from the orders page). */
interface OrderRef {
  client_order_id: string;
  task_id: string | null;
  account_id: number | null;
}

interface Recording {
  clientOrderId: string;
  outcome: OrderOutcome;
}

/**
 * The `orders` table. The tasks of a claimed batch run concurrently, so their reservations (and later
 * their outcomes) arrive within one event-loop turn: each kind is merged into one statement per turn
 * (Coalesced), every caller still answered for its own rows. A reservation is committed before its
 * caller goes on to send, exactly as with one statement per task.
 */
@Injectable()
export class PgOrderStore extends OrderStore {
  private readonly reservations = new Coalesced<PendingOrder, StoredOrder | null>((i) => this.reserveMany(i));
  private readonly recordings = new Coalesced<Recording, void>((r) => this.recordMany(r));

  constructor(
    private readonly sql: PgSql,
    private readonly live: LiveEvents,
  ) {
    super();
  }

  /** One statement in the usual case; the rows that already existed are read only when there are some. */
  async reserve(intents: PendingOrder[], batched = false): Promise<Map<string, StoredOrder>> {
    if (intents.length === 0) return new Map();
    const stored = batched ? await this.reserveMany(intents) : await this.reservations.call(intents);
    const existing = new Map<string, StoredOrder>();
    intents.forEach((i, at) => {
      const s = stored[at];
      if (s) existing.set(i.clientOrderId, s);
    });
    return existing;
  }

  /** Null per intent whose row this call inserted; the row found otherwise. */
  private async reserveMany(intents: PendingOrder[]): Promise<(StoredOrder | null)[]> {
    const rows = intents.map((i) => ({
      task_id: i.taskId,
      flatten_id: i.flattenId ?? null,
      trade_id: i.tradeId,
      event_type: i.eventType,
      firm_code: i.firmCode,
      account_id: i.accountId,
      account_label: i.accountLabel,
      program_id: i.programId,
      client_order_id: i.clientOrderId,
      symbol: i.symbol,
      side: i.side,
      quantity: i.quantity,
      raw_request: i.rawRequest,
      closes_order_id: i.closesOrderId ?? null,
    }));
    const inserted = await this.sql.prepared<OrderRef>('orders_reserve', RESERVE, [JSON.stringify(rows)]);
    // after the orders are on their way: the caller sends as soon as this answers (an outcome recorded
    // later is published later still: no platform answers within this turn)
    setImmediate(() =>
      this.announce(inserted.rows, () => ({
        status: 'PENDING_SEND',
        external_order_id: null,
        error_message: null,
      })),
    );
    const reserved = new Set(inserted.rows.map((r) => r.client_order_id));
    // An id asked for twice in one statement is inserted once: the first intent owns it, a later one finds it.
    const owners = intents.map((i) => reserved.delete(i.clientOrderId));
    const others = [...new Set(intents.filter((_, at) => !owners[at]).map((i) => i.clientOrderId))];
    if (others.length === 0) return intents.map(() => null);
    const existing = await this.sql.query<OrderRow>(EXISTING, [others]);
    const found = new Map(existing.rows.map((r) => [r.client_order_id, toStored(r)]));
    return intents.map((i, at) => {
      if (owners[at]) return null;
      const row = found.get(i.clientOrderId);
      if (!row) throw new Error(`Order ${i.clientOrderId} conflicted but cannot be found`);
      return row;
    });
  }

  async defer(clientOrderIds: string[], delayMs: number, reason: string): Promise<void> {
    if (clientOrderIds.length > 0) await this.sql.query(DEFER, [clientOrderIds, Math.ceil(delayMs), reason]);
  }

  async record(clientOrderId: string, o: OrderOutcome): Promise<void> {
    await this.recordings.call([{ clientOrderId, outcome: o }]);
  }

  private async recordMany(items: Recording[]): Promise<void[]> {
    if (items.length === 1) {
      const { clientOrderId, outcome: o } = items[0];
      const recorded = await this.sql.prepared<OrderRef>('orders_record', RECORD, [
        clientOrderId,
        o.status,
        o.externalOrderId,
        json(o.rawRequest),
        json(o.rawResponse),
        o.errorMessage,
      ]);
      this.announce(recorded.rows, () => outcomeOf(o));
      return [undefined];
    }
    // One row per order: were an order recorded twice in one turn, the later outcome wins, as it would in turn.
    const last = new Map(items.map((i) => [i.clientOrderId, i.outcome]));
    const rows = [...last].map(([clientOrderId, o]) => ({
      client_order_id: clientOrderId,
      status: o.status,
      external_order_id: o.externalOrderId,
      raw_request: nullable(o.rawRequest),
      raw_response: nullable(o.rawResponse),
      error_message: o.errorMessage,
    }));
    const recorded = await this.sql.prepared<OrderRef>('orders_record_many', RECORD_MANY, [
      JSON.stringify(rows),
      [...last.keys()],
    ]);
    this.announce(recorded.rows, (r) => outcomeOf(last.get(r.client_order_id)!));
    return items.map(() => undefined);
  }

  /** order.updated for the dashboards, once the statement has committed. */
  private announce(rows: OrderRef[], state: (r: OrderRef) => Record<string, unknown>): void {
    for (const r of rows) {
      const data = {
        client_order_id: r.client_order_id,
        task_id: r.task_id === null ? null : Number(r.task_id),
        account_id: r.account_id,
        ...state(r),
      };
      this.live.publish('order.updated', data, `order:${r.client_order_id}`);
    }
  }

  async routedEntries(tradeId: string): Promise<RoutedEntry[]> {
    const r = await this.sql.query<RoutedEntry>(ROUTED_ENTRIES, [tradeId]);
    return r.rows.map((row) => ({ ...row, order_id: Number(row.order_id) }));
  }
}

function outcomeOf(o: OrderOutcome): Record<string, unknown> {
  return { status: o.status, external_order_id: o.externalOrderId, error_message: o.errorMessage };
}

function toStored(r: OrderRow): StoredOrder {
  return {
    clientOrderId: r.client_order_id,
    status: r.status,
    externalOrderId: r.external_order_id,
    rawResponse: r.raw_response,
    errorMessage: r.error_message,
    ageMs: Number(r.age_ms),
  };
}

function nullable(value: unknown): unknown {
  return value === undefined ? null : value;
}

function json(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

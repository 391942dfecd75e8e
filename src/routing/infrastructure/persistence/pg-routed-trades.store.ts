import { Injectable } from '@nestjs/common';
import { PgSql } from '../../../platform/database/pg-sql';
import {
  AccountRoutedTrades,
  RoutedOpenTrade,
  RoutedPosition,
  RoutedTrades,
} from '../../application/ports/routed-trades.port';

/**
 * An exit of this entry (an exit by trade id names the entry order it closes: a reused trade id's next entry
 * is not closed by the last one's exit) that succeeded (or, with the in-flight statuses, is being sent).
 */
const EXIT_OF = (statuses: string) => `EXISTS (SELECT 1 FROM orders x
    WHERE x.closes_order_id = e.id AND x.status IN (${statuses}))`;

const OPEN_TRADES = `SELECT e.trade_id, e.client_order_id, e.external_order_id, e.symbol, e.side, e.quantity,
    e.quantity - e.platform_closed_quantity AS open_quantity,
    COALESCE(e.order_request ? 'stop_loss', false) AS stop_loss,
    COALESCE(e.order_request ? 'take_profit', false) AS take_profit
  FROM orders e
  WHERE e.account_id = $1 AND e.event_type = 'entry' AND e.status = 'SUCCESS'
    AND e.quantity > e.platform_closed_quantity AND NOT ${EXIT_OF(`'SUCCESS'`)}
  ORDER BY e.id`;

const OPEN_POSITIONS = `SELECT e.account_id, e.symbol,
    sum(CASE e.side WHEN 'BUY' THEN 1 ELSE -1 END * (e.quantity - e.platform_closed_quantity))::int AS net
  FROM orders e
  WHERE e.account_id = ANY($1::int[]) AND e.event_type = 'entry' AND e.status = 'SUCCESS'
    AND e.quantity > e.platform_closed_quantity AND NOT ${EXIT_OF(`'SUCCESS'`)}
  GROUP BY e.account_id, e.symbol`;

// Orders are answered (or given up on by the re-driver) within minutes: a day back is enough, on the
// (account_id, created_at) index, whatever the account's history.
const UNSETTLED = `SELECT DISTINCT symbol FROM orders
  WHERE account_id = $1 AND created_at >= now() - interval '1 day'
    AND (status IN ('PENDING_SEND', 'RETRY') OR updated_at >= $2)`;

const SENT = `SELECT client_order_id, external_order_id FROM orders
  WHERE account_id = $1 AND (client_order_id = ANY($2::text[]) OR external_order_id = ANY($2::text[]))`;

// Only from the quantity the caller saw, and only while no exit of the trade is sent or being sent.
const SETTLE = `UPDATE orders e SET platform_closed_quantity = e.quantity - $4, platform_closed_at = now()
  WHERE e.account_id = $1 AND e.client_order_id = $2 AND e.event_type = 'entry' AND e.status = 'SUCCESS'
    AND e.quantity - e.platform_closed_quantity = $3 AND $4 >= 0 AND $4 < $3
    AND NOT ${EXIT_OF(`'SUCCESS', 'PENDING_SEND', 'RETRY'`)}`;

interface OpenRow {
  trade_id: string;
  client_order_id: string;
  external_order_id: string | null;
  symbol: string;
  side: 'BUY' | 'SELL';
  quantity: number;
  open_quantity: number;
  stop_loss: boolean;
  take_profit: boolean;
}

/** RoutedTrades on the `orders` table. */
@Injectable()
export class PgRoutedTradesStore extends RoutedTrades {
  constructor(private readonly sql: PgSql) {
    super();
  }

  async openTrades(accountId: number, changedSince: Date): Promise<AccountRoutedTrades> {
    const [open, unsettled] = await Promise.all([
      this.sql.query<OpenRow>(OPEN_TRADES, [accountId]),
      this.sql.query<{ symbol: string }>(UNSETTLED, [accountId, changedSince]),
    ]);
    return {
      trades: open.rows.map(toTrade),
      unsettledSymbols: unsettled.rows.map((r) => r.symbol),
    };
  }

  async openPositions(accountIds: number[]): Promise<RoutedPosition[]> {
    if (accountIds.length === 0) return [];
    const r = await this.sql.query<{ account_id: number; symbol: string; net: number }>(OPEN_POSITIONS, [
      accountIds,
    ]);
    return r.rows
      .filter((row) => row.net !== 0)
      .map((row) => ({ accountId: Number(row.account_id), symbol: row.symbol, net: Number(row.net) }));
  }

  async sentOrderIds(accountId: number, ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const r = await this.sql.query<{ client_order_id: string; external_order_id: string | null }>(SENT, [
      accountId,
      ids,
    ]);
    const asked = new Set(ids);
    return [
      ...new Set(
        r.rows.flatMap((row) =>
          [row.client_order_id, row.external_order_id].filter((id) => id !== null && asked.has(id)),
        ),
      ),
    ] as string[];
  }

  async settle(
    accountId: number,
    entryClientOrderId: string,
    fromQuantity: number,
    openQuantity: number,
  ): Promise<boolean> {
    const r = await this.sql.query(SETTLE, [accountId, entryClientOrderId, fromQuantity, openQuantity]);
    return r.rowCount === 1;
  }
}

function toTrade(r: OpenRow): RoutedOpenTrade {
  return {
    tradeId: r.trade_id,
    clientOrderId: r.client_order_id,
    externalOrderId: r.external_order_id,
    symbol: r.symbol,
    side: r.side,
    quantity: r.quantity,
    openQuantity: r.open_quantity,
    stopLoss: r.stop_loss,
    takeProfit: r.take_profit,
  };
}

import Decimal from 'decimal.js';
import type { PoolClient } from 'pg';
import type { PaperAccountKey, PaperMark } from '../../application/ports/paper-ledger.port';
import { PaperBook } from '../../domain/paper/paper-book';
import type { PaperOrder } from '../../domain/paper/paper-orders';

/** The paper ledger's rows (migration PaperLedger1763700012300) and the book read from and written to them. */

export type Row = Record<string, unknown>;

export const ORDER_COLUMNS = `id, client_order_id, parent_id, symbol, side, quantity, order_type, price, reduce_only,
  status, fill_price`;

export const UPSERT_ORDER = `INSERT INTO paper_orders (id, connection_id, platform_account, client_order_id, parent_id,
    symbol, side, quantity, order_type, price, reduce_only, status, fill_price)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
  ON CONFLICT (id) DO UPDATE SET quantity = EXCLUDED.quantity, status = EXCLUDED.status,
    fill_price = EXCLUDED.fill_price, updated_at = now()`;

export const INSERT_FILL = `INSERT INTO paper_fills (id, connection_id, platform_account, order_id, client_order_id,
    symbol, side, quantity, price, realized, filled_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`;

/** The account's cash, positions and open orders, in the transaction that holds its row lock. */
export async function loadBook(
  c: PoolClient,
  key: PaperAccountKey,
  pointValue: (symbol: string) => Decimal | null,
  now: () => Date,
): Promise<PaperBook> {
  const k = [key.connectionId, key.platformAccount];
  const account = await c.query(
    'SELECT balance, realized FROM paper_accounts WHERE connection_id = $1 AND platform_account = $2 FOR UPDATE',
    k,
  );
  const positions = await c.query(
    'SELECT symbol, net, average FROM paper_positions WHERE connection_id = $1 AND platform_account = $2',
    k,
  );
  const orders = await c.query(
    `SELECT ${ORDER_COLUMNS} FROM paper_orders
     WHERE connection_id = $1 AND platform_account = $2 AND status IN ('PENDING', 'WORKING') ORDER BY created_at, id`,
    k,
  );
  const a = account.rows[0] as Row;
  return new PaperBook(
    {
      balance: new Decimal(a.balance as string),
      realized: new Decimal(a.realized as string),
      positions: positions.rows.map((p: Row) => ({
        symbol: p.symbol as string,
        net: p.net as number,
        average: new Decimal(p.average as string),
      })),
      orders: orders.rows.map(toOrder),
    },
    pointValue,
    now,
  );
}

/** Writes back what `work` changed: cash, positions, the orders it created or changed, the fills it made. */
export async function writeBook(c: PoolClient, key: PaperAccountKey, book: PaperBook): Promise<void> {
  const k = [key.connectionId, key.platformAccount];
  await c.query(
    `UPDATE paper_accounts SET balance = $3, realized = $4, updated_at = now()
       WHERE connection_id = $1 AND platform_account = $2`,
    [...k, book.balance.toFixed(), book.realized.toFixed()],
  );
  await writePositions(c, k, book);
  for (const id of book.changedOrders) {
    const o = book.orders.get(id)!;
    await c.query(UPSERT_ORDER, [
      o.id,
      ...k,
      o.clientOrderId,
      o.parentId,
      o.symbol,
      o.side,
      o.quantity,
      o.type,
      o.price?.toFixed() ?? null,
      o.reduceOnly,
      o.status,
      o.fillPrice?.toFixed() ?? null,
    ]);
  }
  for (const f of book.newFills)
    await c.query(INSERT_FILL, [
      f.id,
      ...k,
      f.orderId,
      f.clientOrderId,
      f.symbol,
      f.side,
      f.quantity,
      f.price.toFixed(),
      f.realized.toFixed(),
      f.filledAt,
    ]);
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function toOrder(r: Row): PaperOrder {
  return {
    id: r.id as string,
    clientOrderId: (r.client_order_id as string | null) ?? null,
    parentId: (r.parent_id as string | null) ?? null,
    symbol: r.symbol as string,
    side: r.side as PaperOrder['side'],
    quantity: r.quantity as number,
    type: r.order_type as PaperOrder['type'],
    price: r.price === null ? null : new Decimal(r.price as string),
    reduceOnly: r.reduce_only as boolean,
    status: r.status as PaperOrder['status'],
    fillPrice: r.fill_price === null ? null : new Decimal(r.fill_price as string),
  };
}

export function toMark(r: Row): PaperMark {
  return {
    symbol: r.symbol as string,
    price: new Decimal(r.price as string),
    source: r.source as PaperMark['source'],
    updatedAt: r.updated_at as Date,
  };
}

async function writePositions(c: PoolClient, k: unknown[], book: PaperBook): Promise<void> {
  for (const p of book.positions.values()) {
    if (p.net === 0)
      await c.query(
        'DELETE FROM paper_positions WHERE connection_id = $1 AND platform_account = $2 AND symbol = $3',
        [...k, p.symbol],
      );
    else
      await c.query(
        `INSERT INTO paper_positions (connection_id, platform_account, symbol, net, average)
           VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (connection_id, platform_account, symbol) DO UPDATE SET net = $4, average = $5`,
        [...k, p.symbol, p.net, p.average.toFixed()],
      );
  }
}

import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { PgSql } from '../../../platform/database/pg-sql';
import { Clock } from '../../../platform/time/clock';
import { ContractCatalog } from '../../../sizing/application/ports/contract-catalog.port';
import { PaperAccountKey, PaperLedger, PaperMark } from '../../application/ports/paper-ledger.port';
import type { PaperBook } from '../../domain/paper/paper-book';
import type { PaperFill, PaperOrder } from '../../domain/paper/paper-orders';
import { loadBook, ORDER_COLUMNS, Row, toMark, toOrder, UUID, writeBook } from './paper-rows';

/** PaperLedger on Postgres: a book is read and written in one transaction under its `paper_accounts` row lock. */
@Injectable()
export class PgPaperLedger extends PaperLedger {
  constructor(
    private readonly sql: PgSql,
    private readonly contracts: ContractCatalog,
    private readonly clock: Clock,
  ) {
    super();
  }

  async withBook<T>(
    key: PaperAccountKey,
    opening: () => Promise<Decimal>,
    work: (book: PaperBook) => T,
  ): Promise<T> {
    const k = [key.connectionId, key.platformAccount];
    const locked = await this.lockedAccount(key);
    const openAt = locked ? null : await opening();
    return this.sql.transaction('BEGIN', async (c) => {
      if (openAt)
        await c.query(
          `INSERT INTO paper_accounts (connection_id, platform_account, opening_balance, balance)
           VALUES ($1, $2, $3, $3) ON CONFLICT DO NOTHING`,
          [...k, openAt.toFixed()],
        );
      const book = await loadBook(
        c,
        key,
        (symbol) => this.pointValue(symbol),
        () => this.clock.now(),
      );
      const result = work(book);
      await writeBook(c, key, book);
      return result;
    });
  }

  async fills(key: PaperAccountKey, since: Date | null): Promise<PaperFill[]> {
    const { rows } = await this.sql.query<Row>(
      `SELECT id, order_id, client_order_id, symbol, side, quantity, price, realized, filled_at FROM paper_fills
       WHERE connection_id = $1 AND platform_account = $2 AND ($3::timestamptz IS NULL OR filled_at >= $3)
       ORDER BY filled_at, seq`,
      [key.connectionId, key.platformAccount, since],
    );
    return rows.map((r) => ({
      id: r.id as string,
      orderId: r.order_id as string,
      clientOrderId: (r.client_order_id as string | null) ?? null,
      symbol: r.symbol as string,
      side: r.side as 'BUY' | 'SELL',
      quantity: r.quantity as number,
      price: new Decimal(r.price as string),
      realized: new Decimal(r.realized as string),
      filledAt: r.filled_at as Date,
    }));
  }

  async order(
    key: PaperAccountKey,
    by: { id: string } | { clientOrderId: string },
  ): Promise<PaperOrder | null> {
    const byId = 'id' in by;
    // an id that is not a UUID names no paper order (and must not reach the uuid cast)
    if (byId && !UUID.test(by.id)) return null;
    const { rows } = await this.sql.query<Row>(
      `SELECT ${ORDER_COLUMNS} FROM paper_orders WHERE connection_id = $1 AND platform_account = $2
       AND ${byId ? 'id = $3::uuid' : 'client_order_id = $3'}`,
      [key.connectionId, key.platformAccount, byId ? by.id : by.clientOrderId],
    );
    return rows[0] ? toOrder(rows[0]) : null;
  }

  async accounts(connectionId: number): Promise<string[]> {
    const { rows } = await this.sql.query<Row>(
      'SELECT platform_account FROM paper_accounts WHERE connection_id = $1 ORDER BY platform_account',
      [connectionId],
    );
    return rows.map((r) => r.platform_account as string);
  }

  async accountsWorking(symbol: string): Promise<PaperAccountKey[]> {
    const { rows } = await this.sql.query<Row>(
      `SELECT DISTINCT connection_id, platform_account FROM paper_orders
       WHERE symbol = $1 AND status = 'WORKING' ORDER BY connection_id, platform_account`,
      [symbol],
    );
    return rows.map((r) => ({
      connectionId: r.connection_id as number,
      platformAccount: r.platform_account as string,
    }));
  }

  async setMark(symbol: string, price: Decimal, source: PaperMark['source']): Promise<PaperMark> {
    const { rows } = await this.sql.query<Row>(
      `INSERT INTO paper_marks (symbol, price, source, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (symbol) DO UPDATE SET price = EXCLUDED.price, source = EXCLUDED.source,
         updated_at = EXCLUDED.updated_at
       RETURNING symbol, price, source, updated_at`,
      [symbol, price.toFixed(), source, this.clock.now()],
    );
    return toMark(rows[0]);
  }

  async marks(symbols?: string[]): Promise<PaperMark[]> {
    const { rows } = await this.sql.query<Row>(
      `SELECT symbol, price, source, updated_at FROM paper_marks
       WHERE $1::text[] IS NULL OR symbol = ANY($1) ORDER BY symbol`,
      [symbols ?? null],
    );
    return rows.map(toMark);
  }

  /** Whether the account exists (its row lock is taken inside the transaction). */
  private async lockedAccount(key: PaperAccountKey): Promise<boolean> {
    const { rowCount } = await this.sql.query(
      'SELECT 1 FROM paper_accounts WHERE connection_id = $1 AND platform_account = $2',
      [key.connectionId, key.platformAccount],
    );
    return (rowCount ?? 0) > 0;
  }

  private pointValue(symbol: string): Decimal | null {
    const spec = this.contracts.spec(symbol);
    return spec ? new Decimal(spec.pointValue) : null;
  }
}

import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { PgSql } from '../../../platform/database/pg-sql';
import { RecordedFill, RecordedFills } from '../../application/ports/recorded-fills.port';

/** RecordedFills on `account_fills` (NUMERIC price read as text, made a decimal once). */
@Injectable()
export class PgRecordedFills extends RecordedFills {
  constructor(private readonly sql: PgSql) {
    super();
  }

  async between(accountId: number, from: Date, to: Date): Promise<RecordedFill[]> {
    const res = await this.sql.query<{
      fill_id: string;
      filled_at: Date;
      symbol: string;
      side: 'BUY' | 'SELL';
      quantity: number;
      price: string;
    }>(
      `SELECT fill_id, filled_at, symbol, side, quantity, price::text AS price FROM account_fills
        WHERE account_id = $1 AND filled_at >= $2 AND filled_at < $3 ORDER BY filled_at, id`,
      [accountId, from, to],
    );
    return res.rows.map((r) => ({
      fillId: r.fill_id,
      at: r.filled_at,
      symbol: r.symbol,
      side: r.side === 'BUY' ? 'buy' : 'sell',
      quantity: r.quantity,
      price: new Decimal(r.price),
    }));
  }
}

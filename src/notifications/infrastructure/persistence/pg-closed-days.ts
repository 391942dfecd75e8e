import { Injectable } from '@nestjs/common';
import { PgSql } from '../../../platform/database/pg-sql';
import { ClosedDay, ClosedDays } from '../../application/ports/closed-days.port';

interface Row {
  account_id: number;
  trading_day: string;
  facts: Record<string, string | number>;
}

/** `daily_summaries` (filled by the trigger on the account state's roll to the next trading day). */
@Injectable()
export class PgClosedDays extends ClosedDays {
  constructor(private readonly sql: PgSql) {
    super();
  }

  async due(limit: number): Promise<ClosedDay[]> {
    const r = await this.sql.query<Row>(
      `SELECT account_id, to_char(trading_day, 'YYYY-MM-DD') AS trading_day, facts FROM daily_summaries
       WHERE queued_at IS NULL ORDER BY closed_at LIMIT $1`,
      [limit],
    );
    return r.rows.map((row) => ({
      accountId: row.account_id,
      tradingDay: row.trading_day,
      startBalance: String(row.facts.start_balance),
      balance: String(row.facts.balance),
      openPnl: String(row.facts.open_pnl),
      realizedPnl: String(row.facts.realized_pnl),
      orders: Number(row.facts.orders),
      failed: Number(row.facts.failed),
      rejections: Number(row.facts.rejections),
    }));
  }

  async queued(accountId: number, tradingDay: string): Promise<void> {
    await this.sql.query(
      'UPDATE daily_summaries SET queued_at = now() WHERE account_id = $1 AND trading_day = $2',
      [accountId, tradingDay],
    );
  }
}

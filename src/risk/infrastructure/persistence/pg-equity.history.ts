import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { PgSql } from '../../../platform/database/pg-sql';
import type { AccountKey } from '../../application/ports/account-state.repository.port';
import { EquityHistory, EquityRecord } from '../../application/ports/equity-history.port';

// Every k-th point of the range (k so that at most $6 remain), and always its last.
const POINTS = `WITH p AS (
    SELECT at, balance, open_pnl, high_water_mark_eod, high_water_mark_intraday,
      row_number() OVER (ORDER BY at) AS rn, count(*) OVER () AS n
    FROM account_equity_points
    WHERE account_id = $1 AND firm_code = $2 AND program_id = $3 AND at >= $4 AND at < $5)
  SELECT at, balance, open_pnl, high_water_mark_eod, high_water_mark_intraday FROM p
  WHERE n <= $6 OR (rn - 1) % ceil(n::numeric / $6)::int = 0 OR rn = n
  ORDER BY at`;

interface Row {
  at: Date;
  balance: string;
  open_pnl: string | null;
  high_water_mark_eod: string;
  high_water_mark_intraday: string;
}

@Injectable()
export class PgEquityHistory extends EquityHistory {
  constructor(private readonly sql: PgSql) {
    super();
  }

  async points(key: AccountKey, since: Date, until: Date, maxPoints: number): Promise<EquityRecord[]> {
    const r = await this.sql.query<Row>(POINTS, [
      key.accountId,
      key.firmCode,
      key.programId,
      since,
      until,
      maxPoints,
    ]);
    return r.rows.map((row) => ({
      at: row.at,
      balance: new Decimal(row.balance),
      openPnl: row.open_pnl === null ? null : new Decimal(row.open_pnl),
      highWaterMarkEod: new Decimal(row.high_water_mark_eod),
      highWaterMarkIntraday: new Decimal(row.high_water_mark_intraday),
    }));
  }
}

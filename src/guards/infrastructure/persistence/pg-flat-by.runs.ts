import { Injectable } from '@nestjs/common';
import { PgSql } from '../../../platform/database/pg-sql';
import type { FlattenOutcome } from '../../../routing/application/ports/account-flattener.port';
import { FlatByClaim, FlatByRuns } from '../../application/ports/flat-by-runs.port';

/** A FAILED flatten is tried again after this pause, up to MAX_ATTEMPTS in all (each failure is notified). */
const RETRY_AFTER = '30 seconds';
const MAX_ATTEMPTS = 5;
/** A RUNNING flatten this old was left by a process that died: another may take it over. */
const ABANDONED_AFTER = '2 minutes';

// The primary key (account, trading day) is the claim: of processes inserting at once, one gets the row back.
const CLAIM = `INSERT INTO flat_by_runs (account_id, trading_day, firm_code, flat_by_at, claimed_at)
  VALUES ($1, $2, $3, $4, $5)
  ON CONFLICT (account_id, trading_day) DO UPDATE
    SET attempts = flat_by_runs.attempts + 1, status = 'RUNNING', claimed_at = EXCLUDED.claimed_at,
      error = NULL, finished_at = NULL
    WHERE (flat_by_runs.status = 'FAILED' AND flat_by_runs.attempts < ${MAX_ATTEMPTS}
        AND flat_by_runs.claimed_at <= EXCLUDED.claimed_at - interval '${RETRY_AFTER}')
      OR (flat_by_runs.status = 'RUNNING'
        AND flat_by_runs.claimed_at <= EXCLUDED.claimed_at - interval '${ABANDONED_AFTER}')
  RETURNING attempts`;

const FINISH = `UPDATE flat_by_runs SET status = $3, flatten_id = $4, error = $5, finished_at = $6
  WHERE account_id = $1 AND trading_day = $2`;

/** FlatByRuns on the `flat_by_runs` table. */
@Injectable()
export class PgFlatByRuns extends FlatByRuns {
  constructor(private readonly sql: PgSql) {
    super();
  }

  async claim(c: FlatByClaim): Promise<boolean> {
    const res = await this.sql.query(CLAIM, [c.accountId, c.tradingDay, c.firmCode, c.flatByAt, c.now]);
    return (res.rowCount ?? 0) > 0;
  }

  async finish(accountId: number, tradingDay: string, outcome: FlattenOutcome, now: Date): Promise<void> {
    await this.sql.query(FINISH, [
      accountId,
      tradingDay,
      outcome.status,
      outcome.flattenId,
      outcome.error,
      now,
    ]);
  }
}

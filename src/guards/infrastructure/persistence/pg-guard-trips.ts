import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { PgSql } from '../../../platform/database/pg-sql';
import { ClaimedGuardTrip, GuardTrips, NewGuardTrip } from '../../application/ports/guard-trips.port';
import type { GuardRule } from '../../domain/guard-trip';

const COLUMNS = `t.id, t.account_id, t.rule, to_char(t.trading_day, 'YYYY-MM-DD') AS trading_day, t.equity,
  t.limit_amount, t.room_left, t.buffer_amount, t.reason, t.halt_until, t.halt_id, t.flatten_status`;

// New: inserted and claimed. Known: claimed again only when unfinished and free (its holder died, or a
// failed step's retry time passed); a finished or held trip returns no row.
const CLAIM = `INSERT INTO guard_trips AS t (account_id, rule, trading_day, equity, limit_amount, room_left,
    buffer_amount, reason, halt_until, claimed_by, claimed_until, attempts)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, now() + $11 * interval '1 millisecond', 1)
  ON CONFLICT ON CONSTRAINT guard_trips_once DO UPDATE
    SET claimed_by = EXCLUDED.claimed_by, claimed_until = EXCLUDED.claimed_until,
      attempts = t.attempts + 1, updated_at = now()
    WHERE t.completed_at IS NULL AND (t.claimed_until IS NULL OR t.claimed_until < now())
  RETURNING ${COLUMNS}`;
const CLAIM_DUE = `WITH due AS (
    SELECT id FROM guard_trips WHERE completed_at IS NULL AND (claimed_until IS NULL OR claimed_until < now())
    ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED)
  UPDATE guard_trips t SET claimed_by = $1, claimed_until = now() + $2 * interval '1 millisecond',
    attempts = t.attempts + 1, updated_at = now()
  FROM due WHERE t.id = due.id RETURNING ${COLUMNS}`;
const MINE = 'id = $1 AND claimed_by = $2 AND completed_at IS NULL';

interface TripRow {
  id: string;
  account_id: number;
  rule: GuardRule;
  trading_day: string;
  equity: string;
  limit_amount: string;
  room_left: string;
  buffer_amount: string;
  reason: string;
  halt_until: Date | null;
  halt_id: number | null;
  flatten_status: string | null;
}

function toTrip(r: TripRow): ClaimedGuardTrip {
  return {
    id: Number(r.id),
    accountId: r.account_id,
    rule: r.rule,
    tradingDay: r.trading_day,
    equity: new Decimal(r.equity),
    limit: new Decimal(r.limit_amount),
    roomLeft: new Decimal(r.room_left),
    buffer: new Decimal(r.buffer_amount),
    reason: r.reason,
    haltUntil: r.halt_until,
    haltId: r.halt_id,
    flattenStatus: r.flatten_status,
  };
}

/** `guard_trips` on Postgres. */
@Injectable()
export class PgGuardTrips extends GuardTrips {
  constructor(private readonly sql: PgSql) {
    super();
  }

  async claim(t: NewGuardTrip, holder: string, leaseMs: number): Promise<ClaimedGuardTrip | null> {
    const values = [
      t.accountId,
      t.rule,
      t.tradingDay,
      t.equity.toString(),
      t.limit.toString(),
      t.roomLeft.toString(),
      t.buffer.toString(),
      t.reason.slice(0, 500),
      t.haltUntil,
      holder,
      leaseMs,
    ];
    const r = await this.sql.query<TripRow>(CLAIM, values);
    return r.rows[0] ? toTrip(r.rows[0]) : null;
  }

  async claimDue(holder: string, leaseMs: number, limit: number): Promise<ClaimedGuardTrip[]> {
    return (await this.sql.query<TripRow>(CLAIM_DUE, [holder, leaseMs, limit])).rows.map(toTrip);
  }

  async halted(id: number, holder: string, haltId: number): Promise<void> {
    await this.sql.query(`UPDATE guard_trips SET halt_id = $3, updated_at = now() WHERE ${MINE}`, [
      id,
      holder,
      haltId,
    ]);
  }

  async completed(id: number, holder: string, status: string, flattenId: number | null): Promise<void> {
    await this.sql.query(
      `UPDATE guard_trips SET flatten_status = $3, flatten_id = $4, last_error = NULL, completed_at = now(),
        claimed_until = NULL, updated_at = now() WHERE ${MINE}`,
      [id, holder, status, flattenId],
    );
  }

  async failed(id: number, holder: string, error: string, retryMs: number): Promise<void> {
    await this.sql.query(
      `UPDATE guard_trips SET last_error = $3, claimed_until = now() + $4 * interval '1 millisecond',
        updated_at = now() WHERE ${MINE}`,
      [id, holder, error.slice(0, 1000), retryMs],
    );
  }
}

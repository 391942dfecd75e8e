import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { PgSql } from '../../../platform/database/pg-sql';
import { AccountKey, keyOf } from '../../application/ports/account-state.repository.port';
import { RiskState, RiskStateReader } from '../../application/ports/risk-state.reader.port';
import type { PendingExposure } from '../../domain/pending-exposure';
import { AccountStateEntity, PositionJson } from './account-state.entity';
import { AccountStateMapper } from './account-state.mapper';

// Halts: the uncleared ones of these firms (an account's halt carries its firm); the rule decides expiry at
// the clock's instant, the read only skips halts ended long ago (a day: far beyond any clock difference).
// All reads in one statement, each as a JSON array; numerics travel as text so that no digit is lost.
// Pending exposure reads the routing context's `orders` table: a compromise (risk reads another context's
// table) taken because the clean alternative, a port implemented by routing, would be a cycle (routing depends
// on risk) and because it must be the same statement as the state it adds to. An entry order on a
// platform-sourced state of its account counts while it has no fill in account_fills (by the router's client
// order id or the platform's order id) and: it is being sent or waits to be re-sent (PENDING_SEND, RETRY: it may
// reach the platform whatever a read showed), or it was sent (SUCCESS) and the platform's last read could not
// have shown it (the platform answered it — updated_at — after that read began: confirmed_at), or that read
// reported it working (a working limit entry still counts). Each such order is listed too (its
// symbol, quantity, entry price and stop as the router built it): its worst case spends loss-limit room.
const READ = `SELECT
  (SELECT coalesce(json_agg(json_build_object(
      'id', h.id, 'firm_code', h.firm_code, 'account_id', h.account_id, 'reason', h.reason,
      'created_by', h.created_by, 'created_at', h.created_at, 'expires_at', h.expires_at,
      'cleared_by', h.cleared_by, 'cleared_at', h.cleared_at) ORDER BY h.id), '[]')
    FROM trading_halts h
    WHERE h.cleared_at IS NULL AND (h.firm_code IS NULL OR h.firm_code = ANY($1::text[]))
      AND (h.expires_at IS NULL OR h.expires_at > now() - interval '1 day')) AS halts,
  (SELECT coalesce(json_agg(json_build_object(
      'firm_code', s.firm_code, 'program_id', s.program_id, 'account_id', s.account_id, 'balance', s.balance::text,
      'start_of_day_balance', s.start_of_day_balance::text, 'realized_pnl_today', s.realized_pnl_today::text,
      'open_pnl', s.open_pnl::text, 'high_water_mark_eod', s.high_water_mark_eod::text,
      'high_water_mark_intraday', s.high_water_mark_intraday::text, 'open_contracts', s.open_contracts,
      'avg_price', s.avg_price::text, 'position_symbol', s.position_symbol, 'trading_day', s.trading_day,
      'positions', s.positions, 'fill_book', s.fill_book, 'source', s.source, 'confirmed_at', s.confirmed_at,
      'working_order_refs', s.working_order_refs, 'pending_buy', p.buy, 'pending_sell', p.sell,
      'pending_entries', p.entries,
      'updated_at', s.updated_at)), '[]')
    FROM account_states s
    LEFT JOIN LATERAL (
      SELECT coalesce(sum(o.quantity) FILTER (WHERE o.side = 'BUY'), 0)::int AS buy,
             coalesce(sum(o.quantity) FILTER (WHERE o.side = 'SELL'), 0)::int AS sell,
             coalesce(json_agg(json_build_object('symbol', o.symbol, 'quantity', o.quantity,
               'entry_price', o.order_request->>'entry_price', 'stop_loss', o.order_request->>'stop_loss')), '[]') AS entries
        FROM orders o
       WHERE s.source = 'platform' AND s.account_id <> 0 AND o.account_id = s.account_id
         AND o.event_type = 'entry' AND o.status IN ('PENDING_SEND', 'RETRY', 'SUCCESS')
         AND (o.status <> 'SUCCESS' OR o.updated_at > s.confirmed_at
              OR o.client_order_id = ANY(s.working_order_refs) OR o.external_order_id = ANY(s.working_order_refs))
         AND NOT EXISTS (SELECT 1 FROM account_fills f WHERE f.account_id = o.account_id
              AND (f.client_order_id = o.client_order_id OR f.order_id = o.external_order_id))) p ON true
    WHERE s.program_id = ANY($2::int[]) AND s.firm_code = ANY($3::text[])
      AND s.account_id = ANY($4::int[])) AS states`;

interface HaltJson {
  id: number;
  firm_code: string | null;
  account_id: number | null;
  expires_at: string | null;
  reason: string;
  created_by: string;
  created_at: string;
  cleared_by: string | null;
  cleared_at: string | null;
}

interface StateJson {
  firm_code: string;
  program_id: number;
  account_id: number;
  balance: string;
  start_of_day_balance: string;
  realized_pnl_today: string;
  open_pnl: string;
  high_water_mark_eod: string;
  high_water_mark_intraday: string;
  open_contracts: number;
  avg_price: string | null;
  position_symbol: string | null;
  trading_day: string;
  positions: PositionJson[];
  fill_book: PositionJson[];
  source: 'manual' | 'platform';
  confirmed_at: string | null;
  working_order_refs: string[];
  pending_buy: number;
  pending_sell: number;
  pending_entries: PendingEntryJson[];
  updated_at: string;
}

/** Decimal text as the router stored it in the order's JSON (exact), or null. */
interface PendingEntryJson {
  symbol: string;
  quantity: number;
  entry_price: string | null;
  stop_loss: string | null;
}

/**
 * RiskStateReader on Postgres: halts, account states and their pending exposure in one prepared statement,
 * one round trip.
 */
@Injectable()
export class PgRiskStateReader extends RiskStateReader {
  constructor(private readonly sql: PgSql) {
    super();
  }

  async read(firmCodes: string[], keys: AccountKey[]): Promise<RiskState> {
    const programIds = [...new Set(keys.map((k) => k.programId))];
    const keyFirms = [...new Set(keys.map((k) => k.firmCode))];
    const accountIds = [...new Set(keys.map((k) => k.accountId))];
    const r = await this.sql.prepared<{ halts: HaltJson[]; states: StateJson[] }>('risk_state_synced', READ, [
      firmCodes,
      programIds,
      keyFirms,
      accountIds,
    ]);
    const { halts, states } = r.rows[0];
    const wanted = new Set(keys.map(keyOf));
    const mine = states.filter((s) =>
      wanted.has(keyOf({ firmCode: s.firm_code, programId: s.program_id, accountId: s.account_id })),
    );
    return {
      halts: halts.map((h) => ({
        id: h.id,
        firmCode: h.firm_code,
        accountId: h.account_id,
        reason: h.reason,
        createdBy: h.created_by,
        createdAt: new Date(h.created_at),
        expiresAt: h.expires_at === null ? null : new Date(h.expires_at),
        clearedBy: h.cleared_by,
        clearedAt: h.cleared_at === null ? null : new Date(h.cleared_at),
      })),
      states: mine.map((s) => AccountStateMapper.toDomain(toEntity(s))),
      pending: pendingOf(mine),
    };
  }
}

function toEntity(s: StateJson): AccountStateEntity {
  return Object.assign(new AccountStateEntity(), {
    firmCode: s.firm_code,
    programId: s.program_id,
    accountId: s.account_id,
    balance: s.balance,
    startOfDayBalance: s.start_of_day_balance,
    realizedPnlToday: s.realized_pnl_today,
    openPnl: s.open_pnl,
    highWaterMarkEod: s.high_water_mark_eod,
    highWaterMarkIntraday: s.high_water_mark_intraday,
    openContracts: s.open_contracts,
    avgPrice: s.avg_price,
    positionSymbol: s.position_symbol,
    tradingDay: s.trading_day,
    positions: s.positions,
    fillBook: s.fill_book,
    source: s.source,
    confirmedAt: s.confirmed_at === null ? null : new Date(s.confirmed_at),
    workingOrderRefs: s.working_order_refs,
    updatedAt: new Date(s.updated_at),
  });
}

function pendingOf(states: StateJson[]): Map<string, PendingExposure> {
  const pending = new Map<string, PendingExposure>();
  for (const s of states) {
    if (!s.pending_buy && !s.pending_sell) continue;
    const key = keyOf({ firmCode: s.firm_code, programId: s.program_id, accountId: s.account_id });
    pending.set(key, {
      buy: s.pending_buy ?? 0,
      sell: s.pending_sell ?? 0,
      entries: (s.pending_entries ?? []).map((e) => ({
        symbol: e.symbol,
        quantity: e.quantity,
        entryPrice: decimalOrNull(e.entry_price),
        stopLoss: decimalOrNull(e.stop_loss),
      })),
    });
  }
  return pending;
}

function decimalOrNull(text: string | null): Decimal | null {
  if (text === null) return null;
  try {
    return new Decimal(text);
  } catch {
    return null; // not a number (a hand-edited row): its worst case is unknown, as without a stop
  }
}

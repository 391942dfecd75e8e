import { Injectable } from '@nestjs/common';
import { PgSql } from '../../../platform/database/pg-sql';
import { AccountKey, keyOf } from '../../application/ports/account-state.repository.port';
import { RiskState, RiskStateReader } from '../../application/ports/risk-state.reader.port';
import { AccountStateEntity } from './account-state.entity';
import { AccountStateMapper } from './account-state.mapper';

// Both reads in one statement, each as a JSON array; numerics travel as text so that no digit is lost.
const READ = `SELECT
  (SELECT coalesce(json_agg(json_build_object(
      'id', h.id, 'firm_code', h.firm_code, 'reason', h.reason, 'created_by', h.created_by,
      'created_at', h.created_at, 'cleared_by', h.cleared_by, 'cleared_at', h.cleared_at) ORDER BY h.id), '[]')
    FROM trading_halts h
    WHERE h.cleared_at IS NULL AND (h.firm_code IS NULL OR h.firm_code = ANY($1::text[]))) AS halts,
  (SELECT coalesce(json_agg(json_build_object(
      'firm_code', s.firm_code, 'program_id', s.program_id, 'account_id', s.account_id, 'balance', s.balance::text,
      'start_of_day_balance', s.start_of_day_balance::text, 'realized_pnl_today', s.realized_pnl_today::text,
      'open_pnl', s.open_pnl::text, 'high_water_mark_eod', s.high_water_mark_eod::text,
      'high_water_mark_intraday', s.high_water_mark_intraday::text, 'open_contracts', s.open_contracts,
      'avg_price', s.avg_price::text, 'position_symbol', s.position_symbol, 'trading_day', s.trading_day,
      'updated_at', s.updated_at)), '[]')
    FROM account_states s
    WHERE s.program_id = ANY($2::int[]) AND s.firm_code = ANY($3::text[])
      AND s.account_id = ANY($4::int[])) AS states`;

interface HaltJson {
  id: number;
  firm_code: string | null;
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
  updated_at: string;
}

/** RiskStateReader on Postgres: halts and account states in one prepared statement, one round trip. */
@Injectable()
export class PgRiskStateReader extends RiskStateReader {
  constructor(private readonly sql: PgSql) {
    super();
  }

  async read(firmCodes: string[], keys: AccountKey[]): Promise<RiskState> {
    const programIds = [...new Set(keys.map((k) => k.programId))];
    const keyFirms = [...new Set(keys.map((k) => k.firmCode))];
    const accountIds = [...new Set(keys.map((k) => k.accountId))];
    const r = await this.sql.prepared<{ halts: HaltJson[]; states: StateJson[] }>(
      'risk_state_by_account',
      READ,
      [firmCodes, programIds, keyFirms, accountIds],
    );
    const { halts, states } = r.rows[0];
    const wanted = new Set(keys.map(keyOf));
    return {
      halts: halts.map((h) => ({
        id: h.id,
        firmCode: h.firm_code,
        reason: h.reason,
        createdBy: h.created_by,
        createdAt: new Date(h.created_at),
        clearedBy: h.cleared_by,
        clearedAt: h.cleared_at === null ? null : new Date(h.cleared_at),
      })),
      states: states
        .filter((s) =>
          wanted.has(keyOf({ firmCode: s.firm_code, programId: s.program_id, accountId: s.account_id })),
        )
        .map((s) => AccountStateMapper.toDomain(toEntity(s))),
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
    updatedAt: new Date(s.updated_at),
  });
}

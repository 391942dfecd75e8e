import type { AccountPatch } from '../domain/account-patch';
import { AccountState, FIRM_LEVEL_ACCOUNT } from '../domain/account-state';
import Decimal from 'decimal.js';
import type { AccountStateResponseDto } from './dto/account-state.response.dto';
import type { UpdateAccountStateRequestDto } from './dto/update-account-state.request.dto';
import type { FillRequestDto } from './dto/fill.request.dto';
import type { FillInput } from '../application/account-state.service';

/** Decimals leave the API as JSON numbers, converted here once. */
export function toAccountStateDto(s: AccountState): AccountStateResponseDto {
  return {
    firm_code: s.firmCode,
    program_id: s.programId,
    account_id: s.accountId === FIRM_LEVEL_ACCOUNT ? null : s.accountId,
    balance: s.balance.toNumber(),
    start_of_day_balance: s.startOfDayBalance.toNumber(),
    realized_pnl_today: s.realizedPnlToday.toNumber(),
    open_pnl: s.openPnl.toNumber(),
    high_water_mark_eod: s.highWaterMarkEod.toNumber(),
    high_water_mark_intraday: s.highWaterMarkIntraday.toNumber(),
    open_contracts: s.openContracts,
    avg_price: s.avgPrice === null ? null : s.avgPrice.toNumber(),
    position_symbol: s.positionSymbol,
    positions: s.positions.map((p) => ({
      symbol: p.symbol,
      net_quantity: p.netQuantity,
      avg_price: p.avgPrice === null ? null : p.avgPrice.toNumber(),
    })),
    source: s.source,
    confirmed_at: s.confirmedAt?.toISOString() ?? null,
    trading_day: s.tradingDay,
    updated_at: s.updatedAt.toISOString(),
  };
}

const dec = (n: number | undefined) => (n === undefined ? undefined : new Decimal(n));

export function toAccountPatch(b: UpdateAccountStateRequestDto): AccountPatch {
  return {
    balance: dec(b.balance),
    startOfDayBalance: dec(b.start_of_day_balance),
    realizedPnlToday: dec(b.realized_pnl_today),
    openPnl: dec(b.open_pnl),
    highWaterMarkEod: dec(b.high_water_mark_eod),
    highWaterMarkIntraday: dec(b.high_water_mark_intraday),
    openContracts: b.open_contracts,
    avgPrice: b.avg_price === null ? null : dec(b.avg_price),
    positionSymbol: b.position_symbol,
    tradingDay: b.trading_day,
  };
}

export function toFillInput(b: FillRequestDto): FillInput {
  return {
    side: b.side,
    quantity: b.quantity,
    price: b.price,
    symbol: b.symbol,
    filledAt: b.filled_at ?? null,
  };
}

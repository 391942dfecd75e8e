import Decimal from 'decimal.js';
import type { AccountState } from '../../../src/risk/domain/account-state';
import type { FirmRiskRules } from '../../../src/risk/domain/firm-risk-rules';
import type { OrderIntent } from '../../../src/risk/domain/order-intent';
import type { ProgramLimits } from '../../../src/risk/domain/program-limits';

/** Object Mothers for the risk domain: sensible defaults, override what a test is about. */
export const d = (n: number | string) => new Decimal(n);

export function anOrder(
  o: Partial<Omit<OrderIntent, 'entryPrice' | 'stopLoss' | 'riskPercent'>> & {
    entryPrice?: number | null;
    stopLoss?: number | null;
    riskPercent?: number | null;
  } = {},
): OrderIntent {
  const dec = (v: number | null | undefined, fallback: number | null) => {
    const n = v === undefined ? fallback : v;
    return n === null ? null : d(n);
  };
  return {
    firmCode: o.firmCode ?? 'APEX',
    accountId: o.accountId ?? null,
    eventType: o.eventType ?? 'entry',
    symbol: o.symbol ?? 'NQ',
    side: o.side ?? 'buy',
    quantity: o.quantity === undefined ? 1 : o.quantity,
    entryPrice: dec(o.entryPrice, 21500),
    stopLoss: dec(o.stopLoss, 21490),
    riskPercent: dec(o.riskPercent, null),
  };
}

export function aProgram(o: Partial<ProgramLimits> = {}): ProgramLimits {
  return {
    programId: 4,
    firmCode: 'APEX',
    accountSize: d(50000),
    maxDailyLoss: d(1000),
    maxTotalLoss: d(2500),
    drawdownType: 'static',
    maxContracts: null,
    maxRiskPercent: null,
    ...o,
  };
}

export function anAccount(o: Partial<AccountState> = {}): AccountState {
  return {
    firmCode: 'APEX',
    programId: 4,
    accountId: 0,
    balance: d(50000),
    startOfDayBalance: d(50000),
    realizedPnlToday: d(0),
    openPnl: d(0),
    highWaterMarkEod: d(50000),
    highWaterMarkIntraday: d(50000),
    openContracts: 0,
    avgPrice: null,
    positionSymbol: null,
    positions: [],
    fillBook: [],
    source: 'manual',
    confirmedAt: null,
    workingOrderRefs: [],
    tradingDay: '2026-03-09',
    updatedAt: new Date('2026-03-09T14:00:00Z'),
    ...o,
  };
}

export function someRules(o: Partial<FirmRiskRules> = {}): FirmRiskRules {
  return {
    enabled: true,
    maxPositionSize: null,
    maxRiskPercent: null,
    maxDailyLoss: null,
    tradingWindow: null,
    timezone: 'America/New_York',
    supportedSymbols: null,
    ...o,
  };
}

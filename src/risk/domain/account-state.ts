import Decimal from 'decimal.js';
import type { ProgramLimits } from './program-limits';

/** Where a state comes from: typed in by an operator (`PUT`, `POST …/fills`) or read from the platform. */
export type StateSource = 'manual' | 'platform';

/** One open position per symbol: signed net quantity (long > 0), average entry price when known. */
export interface PositionLine {
  /** The platform's symbol as it reports it (a manual state's root). */
  symbol: string;
  netQuantity: number;
  avgPrice: Decimal | null;
}

/** `accountId` of the seed's firm-level state (one per firm × program, what `env:{FIRM}` accounts use). */
export const FIRM_LEVEL_ACCOUNT = 0;

/**
 * One program account at one firm: balance, today's P&L, high-water marks and the open position. Either
 * the firm-level state of firm × program (`accountId` 0) or one trading account's own state.
 */
export interface AccountState {
  firmCode: string;
  programId: number;
  /** The trading account's id; FIRM_LEVEL_ACCOUNT (0) for the firm-level state. */
  accountId: number;
  balance: Decimal;
  startOfDayBalance: Decimal;
  realizedPnlToday: Decimal;
  openPnl: Decimal;
  highWaterMarkEod: Decimal;
  highWaterMarkIntraday: Decimal;
  /** Signed total over `positions`: positive long, negative short (what the contract rules use). */
  openContracts: number;
  /** The open position's average price and root when there is exactly one open position; else null. */
  avgPrice: Decimal | null;
  positionSymbol: string | null;
  /** Open positions per symbol as the platform last reported them (a manual state: its single position). */
  positions: PositionLine[];
  /**
   * The positions the applied platform fills add up to (average cost), what each new fill's realized P&L is
   * reckoned against: kept apart from the platform's positions so that a fill reported late (after the
   * platform's positions already include it) still realizes against the fills before it.
   */
  fillBook: PositionLine[];
  source: StateSource;
  /** When the platform last confirmed this state (the instant it was read); null for a manual state. */
  confirmedAt: Date | null;
  /** Platform and client ids of the working orders the platform last reported (pending exposure). */
  workingOrderRefs: string[];
  /** `YYYY-MM-DD`. */
  tradingDay: string;
  updatedAt: Date;
}

/** A program's account before anything was recorded: its starting balance, flat. */
export function freshAccount(
  program: ProgramLimits,
  tradingDay: string,
  now: Date,
  accountId: number = FIRM_LEVEL_ACCOUNT,
): AccountState {
  return {
    firmCode: program.firmCode,
    programId: program.programId,
    accountId,
    balance: program.accountSize,
    startOfDayBalance: program.accountSize,
    realizedPnlToday: new Decimal(0),
    openPnl: new Decimal(0),
    highWaterMarkEod: program.accountSize,
    highWaterMarkIntraday: program.accountSize,
    openContracts: 0,
    avgPrice: null,
    positionSymbol: null,
    positions: [],
    fillBook: [],
    source: 'manual',
    confirmedAt: null,
    workingOrderRefs: [],
    tradingDay,
    updatedAt: now,
  };
}

/** A manual state's position list, from its single position. */
export function singlePosition(
  s: Pick<AccountState, 'openContracts' | 'positionSymbol' | 'avgPrice'>,
): PositionLine[] {
  if (s.openContracts === 0 || s.positionSymbol === null) return [];
  return [{ symbol: s.positionSymbol, netQuantity: s.openContracts, avgPrice: s.avgPrice }];
}

/** A state an operator wrote: manual, never confirmed by a platform, its position list from its single position. */
export function asManual(s: AccountState): AccountState {
  return { ...s, source: 'manual', confirmedAt: null, workingOrderRefs: [], positions: singlePosition(s) };
}

export function equity(state: AccountState): Decimal {
  return state.balance.plus(state.openPnl);
}

/**
 * The state as seen on `tradingDay`: when a day ended since it was stored, today's P&L starts at
 * zero, the start-of-day balance is the balance, and the end-of-day high-water mark takes the
 * end-of-day balance. Several missed days give the same result as one, since nothing traded.
 */
export function rollTo(state: AccountState, tradingDay: string): AccountState {
  if (state.tradingDay >= tradingDay) return state;
  return {
    ...state,
    startOfDayBalance: state.balance,
    realizedPnlToday: new Decimal(0),
    highWaterMarkEod: Decimal.max(state.highWaterMarkEod, state.balance),
    tradingDay,
  };
}

import Decimal from 'decimal.js';
import type { ProgramLimits } from './program-limits';

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
  /** Signed: positive long, negative short. */
  openContracts: number;
  avgPrice: Decimal | null;
  /** Root of the open position; null when flat or unknown. */
  positionSymbol: string | null;
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
    tradingDay,
    updatedAt: now,
  };
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

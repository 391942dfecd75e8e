import type Decimal from 'decimal.js';
import type { AccountState } from './account-state';

/** The fields an operator may set; absent ones keep their values. */
export type AccountPatch = Partial<
  Pick<
    AccountState,
    | 'balance'
    | 'startOfDayBalance'
    | 'realizedPnlToday'
    | 'openPnl'
    | 'highWaterMarkEod'
    | 'highWaterMarkIntraday'
    | 'openContracts'
    | 'avgPrice'
    | 'positionSymbol'
    | 'tradingDay'
  >
>;

export function applyPatch(state: AccountState, patch: AccountPatch, now: Date): AccountState {
  const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Record<
    string,
    Decimal | number | string | null
  >;
  return { ...state, ...defined, updatedAt: now };
}

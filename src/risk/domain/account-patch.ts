import type Decimal from 'decimal.js';
import { AccountState, asManual } from './account-state';

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

/** The operator's values over the state; the state becomes manual (see asManual). */
export function applyPatch(state: AccountState, patch: AccountPatch, now: Date): AccountState {
  const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Record<
    string,
    Decimal | number | string | null
  >;
  return asManual({ ...state, ...defined, updatedAt: now });
}

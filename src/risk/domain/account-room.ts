import type Decimal from 'decimal.js';
import { AccountState, equity } from './account-state';
import type { ProgramLimits } from './program-limits';
import { dailyLossHeadroom } from './rules/daily-loss.rule';
import { drawdownHeadroom } from './rules/max-loss.rule';

/** What an account has left, as the risk gate measures it (the dashboard's gauges, the metrics). */
export interface AccountRoom {
  equity: Decimal;
  /** Room before the daily loss limit (≤ 0: reached); null when the account has no daily limit. */
  dailyLossLeft: Decimal | null;
  /** Equity above the drawdown floor (≤ 0: breached); null when the program has no maximum loss. */
  drawdownLeft: Decimal | null;
  drawdownFloor: Decimal | null;
}

/**
 * The same headroom the daily-loss and max-loss rules check, for a state already rolled to today:
 * `dailyLimit` is the limit the gate uses (the firm's `{FIRM}_MAX_DAILY_LOSS`, else the program's).
 */
export function accountRoom(
  program: ProgramLimits,
  state: AccountState,
  dailyLimit: Decimal | null,
): AccountRoom {
  const drawdown = drawdownHeadroom(program, state);
  return {
    equity: equity(state),
    dailyLossLeft: dailyLimit === null ? null : dailyLossHeadroom(dailyLimit, state).headroom,
    drawdownLeft: drawdown?.headroom ?? null,
    drawdownFloor: drawdown?.dd.floor ?? null,
  };
}

import Decimal from 'decimal.js';
import { AccountState, equity } from './account-state';
import type { DrawdownKind, ProgramLimits } from './program-limits';

export interface DrawdownFloor {
  type: DrawdownKind;
  floor: Decimal;
  /** The mark the floor trails (the starting balance for `static`). */
  highWaterMark: Decimal;
  /** For `*_until_lock`: the floor has reached the starting balance and stays there. */
  locked: boolean;
}

/**
 * The equity level at or below which the program's maximum loss is breached.
 * static: start − max loss; eod_trailing: end-of-day high-water mark − max loss; intraday_trailing:
 * the highest equity seen (including now) − max loss; `*_until_lock`: the trailing floor, capped at
 * the starting balance once it gets there (high-water marks only rise, so the cap is a lock).
 */
export function drawdownFloor(
  program: ProgramLimits,
  maxTotalLoss: Decimal,
  state: AccountState,
): DrawdownFloor {
  const type = program.drawdownType ?? 'static';
  const start = program.accountSize;
  if (type === 'static')
    return { type, floor: start.minus(maxTotalLoss), highWaterMark: start, locked: false };
  const highWaterMark = type.startsWith('intraday')
    ? Decimal.max(state.highWaterMarkIntraday, equity(state))
    : state.highWaterMarkEod;
  const trailing = highWaterMark.minus(maxTotalLoss);
  if (!type.endsWith('_until_lock')) return { type, floor: trailing, highWaterMark, locked: false };
  const locked = trailing.gte(start);
  return { type, floor: locked ? start : trailing, highWaterMark, locked };
}

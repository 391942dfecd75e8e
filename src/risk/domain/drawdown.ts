import Decimal from 'decimal.js';
import { AccountState, equity } from './account-state';
import type { DrawdownKind, ProgramLimits } from './program-limits';

export interface DrawdownFloor {
  type: DrawdownKind;
  floor: Decimal;
  /** The mark the floor trails (the starting balance for `static`). */
  highWaterMark: Decimal;
  /** The level a trailing floor stops at (start, or start + the firm's amount); null when it never locks. */
  lockLevel: Decimal | null;
  /** The trailing floor has reached its lock level and stays there. */
  locked: boolean;
}

/**
 * The equity level at or below which the program's maximum loss is breached.
 * static: start − max loss; eod_trailing: end-of-day high-water mark − max loss; intraday_trailing:
 * the highest equity seen (including now) − max loss. A lock (the program's `drawdownLock` above the start,
 * or the start itself for `*_until_lock` types without one) caps the trailing floor once it gets there:
 * Apex 4.0 50K with a 2,500 trail locks at 50,100 once the peak reaches 52,600. High-water marks only rise,
 * so the cap is a lock.
 */
export function drawdownFloor(
  program: ProgramLimits,
  maxTotalLoss: Decimal,
  state: AccountState,
): DrawdownFloor {
  const type = program.drawdownType ?? 'static';
  const start = program.accountSize;
  if (type === 'static')
    return { type, floor: start.minus(maxTotalLoss), highWaterMark: start, lockLevel: null, locked: false };
  const highWaterMark = type.startsWith('intraday')
    ? Decimal.max(state.highWaterMarkIntraday, equity(state))
    : state.highWaterMarkEod;
  const trailing = highWaterMark.minus(maxTotalLoss);
  const lockLevel = lockLevelOf(program, type);
  if (lockLevel === null) return { type, floor: trailing, highWaterMark, lockLevel, locked: false };
  const locked = trailing.gte(lockLevel);
  return { type, floor: locked ? lockLevel : trailing, highWaterMark, lockLevel, locked };
}

function lockLevelOf(program: ProgramLimits, type: DrawdownKind): Decimal | null {
  if (program.drawdownLock !== undefined && program.drawdownLock !== null)
    return program.accountSize.plus(program.drawdownLock);
  return type.endsWith('_until_lock') ? program.accountSize : null;
}

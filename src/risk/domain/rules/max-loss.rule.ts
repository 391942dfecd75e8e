import Decimal from 'decimal.js';
import { AccountState, equity } from '../account-state';
import { DrawdownFloor, drawdownFloor } from '../drawdown';
import type { ProgramLimits } from '../program-limits';
import { deny, num, RuleOutcome } from '../risk-denial';

const ZERO = new Decimal(0);

export interface MaxLossInput {
  program: ProgramLimits;
  /** Already rolled to the current trading day. */
  state: AccountState;
  worstCase: Decimal | null;
  /** Worst cases of the pending entries (as in the daily-loss rule). */
  pendingLoss?: Decimal;
}

/** The program's drawdown floor, equity and the room above the floor (≤ 0: breached); null without a max loss. */
export function drawdownHeadroom(
  program: ProgramLimits,
  state: AccountState,
): { dd: DrawdownFloor; equity: Decimal; headroom: Decimal } | null {
  if (program.maxTotalLoss === null) return null;
  const dd = drawdownFloor(program, program.maxTotalLoss, state);
  const current = equity(state);
  return { dd, equity: current, headroom: current.minus(dd.floor) };
}

/**
 * Rule 8: equity (balance + open P&L) at or below the program's drawdown floor is a breach; so is
 * an order whose worst case would take equity there, with the pending entries.
 */
export function checkMaxLoss(input: MaxLossInput): RuleOutcome {
  const { program, state, worstCase } = input;
  const room = drawdownHeadroom(program, state);
  if (room === null) return null;
  const { dd, equity: current, headroom } = room;
  const pending = input.pendingLoss ?? ZERO;
  // built only for a denial (see the daily-loss rule)
  const details = () => ({
    drawdown_type: dd.type,
    max_total_loss: num(program.maxTotalLoss),
    floor: num(dd.floor),
    high_water_mark: num(dd.highWaterMark),
    locked: dd.locked,
    equity: num(current),
    headroom: num(headroom),
    worst_case: num(worstCase),
    ...(pending.isZero() ? {} : { pending_worst_case: num(pending) }),
    program_id: program.programId,
  });
  if (headroom.lte(0)) {
    return deny(
      'MAX_LOSS_LIMIT',
      `Equity ${current.toString()} is at or below the ${dd.type} floor of ${dd.floor.toString()}`,
      details(),
    );
  }
  const total = worstCase === null ? pending : pending.isZero() ? worstCase : pending.plus(worstCase);
  if ((worstCase !== null || !pending.isZero()) && total.gte(headroom)) {
    const pendingText = pending.isZero() ? '' : ` with ${pending.toString()} of pending entries`;
    return deny(
      'MAX_LOSS_LIMIT',
      `This order's worst case (${worstCase?.toString() ?? 'unknown'})${pendingText} would reach the ${dd.type} floor of ${dd.floor.toString()}: ${headroom.toString()} left`,
      details(),
    );
  }
  return null;
}

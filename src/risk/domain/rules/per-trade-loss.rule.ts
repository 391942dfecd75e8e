import Decimal from 'decimal.js';
import type { PerTradeLimit, ProgramLimits } from '../program-limits';
import { deny, num, RuleOutcome } from '../risk-denial';

export interface PerTradeLossInput {
  program: ProgramLimits;
  /** The order's stop-out: quantity × |entry − stop| × point value; null when any of them is unknown. */
  worstCase: Decimal | null;
}

/** The limit as an amount: a fraction applies to the program's account size (FundingTicks: 2 % of 25K = 500). */
export function perTradeLimitAmount(limit: PerTradeLimit, accountSize: Decimal): Decimal {
  return 'amount' in limit ? limit.amount : accountSize.times(limit.fractionOfAccount);
}

/**
 * The firm's maximum loss per trade (FundingTicks Pro+): the order's worst case may reach the limit, not
 * exceed it. An order whose worst case is unknown (no stop, quantity or point value) cannot be shown to stay
 * within it, so it is denied where the program has such a limit.
 */
export function checkPerTradeLoss({ program, worstCase }: PerTradeLossInput): RuleOutcome {
  const limit = program.perTradeLoss;
  if (!limit) return null;
  const amount = perTradeLimitAmount(limit, program.accountSize);
  // built only for a denial (see the daily-loss rule)
  const details = () => ({
    limit: num(amount),
    ...('fractionOfAccount' in limit
      ? {
          limit_percent_of_account: num(limit.fractionOfAccount.times(100)),
          account_size: num(program.accountSize),
        }
      : {}),
    worst_case: num(worstCase),
    program_id: program.programId,
  });
  if (worstCase === null) {
    return deny(
      'PER_TRADE_LOSS_LIMIT',
      `The program limits the loss per trade to ${amount.toString()}, and this order's worst case is unknown (it needs a stop loss, a quantity and a known contract)`,
      details(),
    );
  }
  if (worstCase.lte(amount)) return null;
  return deny(
    'PER_TRADE_LOSS_LIMIT',
    `This order's worst case (${worstCase.toString()}) is above the per-trade loss limit of ${amount.toString()}`,
    details(),
  );
}

import type { OrderIntent } from '../order-intent';
import { NO_PENDING, PendingExposure, worstPosition } from '../pending-exposure';
import { deny, RuleOutcome } from '../risk-denial';

export interface PositionSizeInput {
  order: OrderIntent;
  /** `{FIRM}_MAX_POSITION_SIZE`. */
  firmLimit: number | null;
  /** The program's max contracts. */
  programLimit: number | null;
  /** Signed open contracts of the program account (0 without one). */
  openContracts: number;
  /** Entry contracts sent but not yet reported filled (and approved earlier from the same read); none when absent. */
  pending?: PendingExposure;
  programId: number | null;
}

/**
 * Rule 5: the position after this order (open contracts netted with the order, in contracts)
 * must not exceed the tighter of the firm's and the program's limit. An unknown quantity counts
 * as the smallest possible order, one contract. Pending entry orders count as if they filled, on the
 * side that makes the position larger (worstPosition).
 */
export function checkPositionSize(input: PositionSizeInput): RuleOutcome {
  const limits = [input.firmLimit, input.programLimit].filter((l): l is number => l !== null);
  if (limits.length === 0) return null;
  const limit = Math.min(...limits);
  const quantity = input.order.quantity ?? 1;
  const signed = input.order.side === 'buy' ? quantity : -quantity;
  const pending = input.pending ?? NO_PENDING;
  const projected = worstPosition(input.openContracts, pending, signed);
  if (projected <= limit) return null;
  const hasPending = pending.buy > 0 || pending.sell > 0;
  return deny(
    'MAX_POSITION_SIZE',
    `Position would be ${projected} contracts${hasPending ? ' with the orders pending' : ''}, above the limit of ${limit}`,
    {
      limit,
      firm_limit: input.firmLimit,
      program_max_contracts: input.programLimit,
      open_contracts: input.openContracts,
      ...(hasPending ? { pending_buy_contracts: pending.buy, pending_sell_contracts: pending.sell } : {}),
      requested_quantity: input.order.quantity,
      projected_contracts: projected,
      headroom: Math.max(0, limit - worstPosition(input.openContracts, pending)),
      program_id: input.programId,
    },
  );
}

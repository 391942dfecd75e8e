import type { OrderIntent } from '../order-intent';
import { deny, RuleOutcome } from '../risk-denial';

export interface PositionSizeInput {
  order: OrderIntent;
  /** `{FIRM}_MAX_POSITION_SIZE`. */
  firmLimit: number | null;
  /** The program's max contracts. */
  programLimit: number | null;
  /** Signed open contracts of the program account (0 without one). */
  openContracts: number;
  programId: number | null;
}

/**
 * Rule 5: the position after this order (open contracts netted with the order, in contracts)
 * must not exceed the tighter of the firm's and the program's limit. An unknown quantity counts
 * as the smallest possible order, one contract.
 */
export function checkPositionSize(input: PositionSizeInput): RuleOutcome {
  const limits = [input.firmLimit, input.programLimit].filter((l): l is number => l !== null);
  if (limits.length === 0) return null;
  const limit = Math.min(...limits);
  const quantity = input.order.quantity ?? 1;
  const signed = input.order.side === 'buy' ? quantity : -quantity;
  const projected = Math.abs(input.openContracts + signed);
  if (projected <= limit) return null;
  return deny('MAX_POSITION_SIZE', `Position would be ${projected} contracts, above the limit of ${limit}`, {
    limit,
    firm_limit: input.firmLimit,
    program_max_contracts: input.programLimit,
    open_contracts: input.openContracts,
    requested_quantity: input.order.quantity,
    projected_contracts: projected,
    headroom: Math.max(0, limit - Math.abs(input.openContracts)),
    program_id: input.programId,
  });
}

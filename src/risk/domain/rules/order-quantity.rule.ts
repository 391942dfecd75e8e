import { deny, RuleOutcome } from '../risk-denial';

/**
 * Rule 5a, the seed's `max_position_size` as the connectors applied it: an order of more contracts than
 * `{FIRM}_MAX_POSITION_SIZE` is refused, whatever it nets against (rule 5 then checks the position after it).
 * At the limit passes; one over is refused. An unknown quantity (null) or no limit passes.
 */
export function checkOrderQuantity(quantity: number | null, firmLimit: number | null): RuleOutcome {
  if (firmLimit === null || quantity === null || quantity <= firmLimit) return null;
  return deny(
    'MAX_POSITION_SIZE',
    `Order of ${quantity} contracts is above the firm's limit of ${firmLimit}`,
    {
      limit: firmLimit,
      firm_limit: firmLimit,
      requested_quantity: quantity,
    },
  );
}

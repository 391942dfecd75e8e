import type { OrderIntent } from '../order-intent';
import { deny, RuleOutcome } from '../risk-denial';
import type { TradingHalt } from '../trading-halt';

/** Rule 2: an active global halt or halt on this firm stops new entries; exits always pass. */
export function checkTradingHalt(order: OrderIntent, halts: readonly TradingHalt[]): RuleOutcome {
  if (order.eventType === 'exit') return null;
  const firm = order.firmCode.toUpperCase();
  const halt =
    halts.find((h) => h.firmCode === null) ?? halts.find((h) => h.firmCode?.toUpperCase() === firm);
  if (!halt) return null;
  const scope = halt.firmCode === null ? 'global' : 'firm';
  return deny('TRADING_HALTED', `Trading is halted (${scope}): ${halt.reason}`, {
    halt_id: halt.id,
    scope,
    halt_reason: halt.reason,
    halted_by: halt.createdBy,
    halted_at: halt.createdAt.toISOString(),
  });
}

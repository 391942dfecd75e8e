import type { OrderIntent } from '../order-intent';
import { deny, RuleOutcome } from '../risk-denial';
import { haltCovers, isHaltActive, scopeOf, TradingHalt } from '../trading-halt';

const WIDEST_FIRST = { global: 0, firm: 1, account: 2 } as const;

/**
 * Rule 2: an active halt that reaches the order (every firm, its firm, or its trading account) stops new
 * entries; exits always pass. A halt past its `expiresAt` has ended. The widest halt is reported first.
 */
export function checkTradingHalt(order: OrderIntent, halts: readonly TradingHalt[], now: Date): RuleOutcome {
  if (order.eventType === 'exit') return null;
  const halt = halts
    .filter((h) => isHaltActive(h, now) && haltCovers(h, order.firmCode, order.accountId ?? null))
    .sort((a, b) => WIDEST_FIRST[scopeOf(a)] - WIDEST_FIRST[scopeOf(b)])[0];
  if (!halt) return null;
  const scope = scopeOf(halt);
  return deny('TRADING_HALTED', `Trading is halted (${scope}): ${halt.reason}`, {
    halt_id: halt.id,
    scope,
    ...(halt.accountId !== null ? { account_id: halt.accountId } : {}),
    halt_reason: halt.reason,
    halted_by: halt.createdBy,
    halted_at: halt.createdAt.toISOString(),
    ...(halt.expiresAt !== null ? { expires_at: halt.expiresAt.toISOString() } : {}),
  });
}

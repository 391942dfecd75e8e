import { dec } from './sizing-decimal';
import type { SizingLimits } from './sizing-limits';
import { SizingRule, SizingRuleName } from './sizing-rules';

/** How one trading account turns an alert into a quantity (accounts issue: `sizing_mode`). */
export interface AccountSizingMode {
  mode: 'risk' | 'fixed' | 'multiplier';
  fixedQuantity: number | null;
  /** Exact decimal text, e.g. "0.5". */
  quantityMultiplier: string | null;
  /** The account's own cap: the tighter of it and the program's limit applies. */
  maxContracts: number | null;
}

/** The quantity an account's mode hands to the sizing rule, or why the mode cannot give one. */
export type ModeQuantity =
  { ok: true; quantity: number | null } | { ok: false; rule: SizingRuleName; reason: string };

/**
 * `risk`: the alert's quantity (validated, never replaced) or null (the program's rule computes one);
 * `fixed`: the account's fixed quantity; `multiplier`: ⌊alert quantity × multiplier⌋ in exact decimal,
 * refused below one contract or without an alert quantity.
 */
export function modeQuantity(mode: AccountSizingMode, alertQuantity: number | null): ModeQuantity {
  if (mode.mode === 'risk') return { ok: true, quantity: alertQuantity };
  if (mode.mode === 'fixed') {
    if (mode.fixedQuantity === null || mode.fixedQuantity < 1)
      return {
        ok: false,
        rule: SizingRule.INVALID_INPUT,
        reason: 'fixed sizing needs a fixed_quantity of at least 1',
      };
    return { ok: true, quantity: mode.fixedQuantity };
  }
  if (mode.quantityMultiplier === null)
    return {
      ok: false,
      rule: SizingRule.INVALID_INPUT,
      reason: 'multiplier sizing needs a quantity_multiplier',
    };
  if (alertQuantity === null)
    return {
      ok: false,
      rule: SizingRule.MISSING_QUANTITY,
      reason: `multiplier sizing (× ${mode.quantityMultiplier}) needs the alert's quantity, and the alert gave none`,
    };
  const quantity = dec(alertQuantity).times(dec(mode.quantityMultiplier)).floor().toNumber();
  if (quantity < 1)
    return {
      ok: false,
      rule: SizingRule.QUANTITY_ZERO,
      reason: `${alertQuantity} × ${mode.quantityMultiplier} = ${dec(alertQuantity).times(dec(mode.quantityMultiplier)).toString()} is below one contract`,
    };
  return { ok: true, quantity };
}

/** The program's limits with the account's own max contracts applied where it is tighter. */
export function withAccountCap(limits: SizingLimits, accountMax: number | null): SizingLimits {
  if (accountMax === null) return limits;
  if (limits.maxContracts !== null && limits.maxContracts.value <= accountMax) return limits;
  return { ...limits, maxContracts: { value: accountMax, source: 'account' } };
}

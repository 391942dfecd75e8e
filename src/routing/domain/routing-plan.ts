import type { RiskDecision, SizingDecision } from './task-result';

/** What to send to one firm: the quantity and the program it was sized for (null when none was). */
export interface FirmOrderPlan {
  firm_code: string;
  program_id: number | null;
  quantity: number;
}

export interface EntryPlan {
  /** Risk-approved ∩ sizing-approved targets (risk-approved only when no program was sized), in target order. */
  allowed: string[];
  orders: FirmOrderPlan[];
  /** Allowed firms with neither a computed nor a user quantity. */
  missingQuantity: string[];
}

/**
 * Seed 13E quantity override: the first APPROVED sizing of the firm gives the quantity when it computed
 * one; otherwise the trader's quantity stands.
 */
export function firmQuantity(
  firmCode: string,
  sizing: SizingDecision[],
  userQuantity: number | null,
): { quantity: number | null; program_id: number | null } {
  const first = sizing.find((r) => r.firm_code === firmCode && r.status === 'APPROVED');
  if (first && first.computed_quantity !== null)
    return { quantity: first.computed_quantity, program_id: first.program_id };
  return { quantity: userQuantity, program_id: first?.program_id ?? null };
}

/** Seed 13E `_handle_task`: risk-approved firms, narrowed to sizing-approved ones when sizing ran. */
export function allowedFirms(
  targets: string[],
  risk: RiskDecision[],
  sizing: SizingDecision[],
  sized: boolean,
): string[] {
  const riskOk = new Set(risk.filter((r) => r.status === 'APPROVED').map((r) => r.firm_code));
  const sizingOk = new Set(sizing.filter((r) => r.status === 'APPROVED').map((r) => r.firm_code));
  return targets.filter((f) => riskOk.has(f) && (!sized || sizingOk.has(f)));
}

export function planEntry(
  targets: string[],
  risk: RiskDecision[],
  sizing: SizingDecision[],
  opts: { sized: boolean; userQuantity: number | null },
): EntryPlan {
  const allowed = allowedFirms(targets, risk, sizing, opts.sized);
  const orders: FirmOrderPlan[] = [];
  const missingQuantity: string[] = [];
  for (const firm_code of allowed) {
    const { quantity, program_id } = firmQuantity(firm_code, sizing, opts.userQuantity);
    if (quantity === null) missingQuantity.push(firm_code);
    else orders.push({ firm_code, program_id, quantity });
  }
  return { allowed, orders, missingQuantity };
}

/** The entry order a trade opened at one firm, as the exit must undo it. */
export interface RoutedEntry {
  firm_code: string;
  symbol: string;
  side: 'BUY' | 'SELL';
  quantity: number;
  external_order_id: string | null;
}

/** For each risk-approved target: the entry to close there, or null when the trade opened nothing there. */
export function planExit(
  targets: string[],
  risk: RiskDecision[],
  entries: RoutedEntry[],
): { firm_code: string; entry: RoutedEntry | null }[] {
  const allowed = allowedFirms(targets, risk, [], false);
  return allowed.map((firm_code) => ({
    firm_code,
    entry: entries.find((e) => e.firm_code === firm_code) ?? null,
  }));
}

import type { AccountRef, RiskDecision, SizingDecision } from '../../shared-kernel/seed-results';

/** One trading account an alert targets, as the plan sees it (the accounts context's RoutingAccount, narrowed). */
export interface PlanAccount {
  id: number;
  label: string;
  firmCode: string;
  /** The programs this account is sized and checked for: its own, or (an `env:` account) the alert's. */
  programIds: number[];
  /** Whether sizing decides: always for an account with a program; for an `env:` account, when the alert names programs. */
  sized: boolean;
  /** The alert's symbol after the account's symbol map. */
  symbol: string;
  /** The account's platform (for metrics and messages); null when not configured. */
  platform: string | null;
}

export type AccountRisk = RiskDecision & AccountRef;
export type AccountSizing = SizingDecision & AccountRef;

/** What to send to one account: the quantity and the program it was sized for (null when none was). */
export interface AccountOrderPlan {
  account: PlanAccount;
  program_id: number | null;
  quantity: number;
}

export interface EntryPlan {
  /** Risk-approved ∩ sizing-approved targets (risk-approved only when not sized), in target order. */
  allowed: PlanAccount[];
  orders: AccountOrderPlan[];
  /** Allowed accounts with neither a computed nor a user quantity. */
  missingQuantity: PlanAccount[];
}

export function refOf(a: PlanAccount): AccountRef {
  return { account_id: a.id, account_label: a.label };
}

/**
 * Seed 13E quantity override, per account: its first APPROVED sizing gives the quantity when it computed
 * one; otherwise the trader's quantity stands.
 */
export function accountQuantity(
  accountId: number,
  sizing: AccountSizing[],
  userQuantity: number | null,
): { quantity: number | null; program_id: number | null } {
  const first = sizing.find((r) => r.account_id === accountId && r.status === 'APPROVED');
  if (first && first.computed_quantity !== null)
    return { quantity: first.computed_quantity, program_id: first.program_id };
  return { quantity: userQuantity, program_id: first?.program_id ?? null };
}

/** Seed 13E `_handle_task`, per account: risk-approved, and sizing-approved where sizing ran. */
export function allowedAccounts(
  targets: PlanAccount[],
  risk: AccountRisk[],
  sizing: AccountSizing[],
): PlanAccount[] {
  const riskOk = new Set(risk.filter((r) => r.status === 'APPROVED').map((r) => r.account_id));
  const sizingOk = new Set(sizing.filter((r) => r.status === 'APPROVED').map((r) => r.account_id));
  return targets.filter((a) => riskOk.has(a.id) && (!a.sized || sizingOk.has(a.id)));
}

export function planEntry(
  targets: PlanAccount[],
  risk: AccountRisk[],
  sizing: AccountSizing[],
  userQuantity: number | null,
): EntryPlan {
  const allowed = allowedAccounts(targets, risk, sizing);
  const orders: AccountOrderPlan[] = [];
  const missingQuantity: PlanAccount[] = [];
  for (const account of allowed) {
    const { quantity, program_id } = accountQuantity(account.id, sizing, userQuantity);
    // the gate sized the entry down to fit the room left (issue 16): that quantity goes, never a larger one
    const fitted = risk.find((r) => r.account_id === account.id)?.approved_quantity;
    if (quantity === null) missingQuantity.push(account);
    else orders.push({ account, program_id, quantity: Math.min(quantity, fitted ?? quantity) });
  }
  return { allowed, orders, missingQuantity };
}

/** The entry order a trade opened in one account, as the exit must undo it. */
export interface RoutedEntry {
  /** The entry's row in `orders`: the exit closing it names it (`closes_order_id`). */
  order_id: number;
  account_id: number;
  firm_code: string;
  symbol: string;
  side: 'BUY' | 'SELL';
  quantity: number;
  external_order_id: string | null;
}

/** For each risk-approved target: the entry to close in it, or null when the trade opened nothing there. */
export function planExit(
  targets: PlanAccount[],
  risk: AccountRisk[],
  entries: RoutedEntry[],
): { account: PlanAccount; entry: RoutedEntry | null }[] {
  const riskOk = new Set(risk.filter((r) => r.status === 'APPROVED').map((r) => r.account_id));
  return targets
    .filter((a) => riskOk.has(a.id))
    .map((account) => ({
      account,
      entry: entries.find((e) => e.account_id === account.id) ?? null,
    }));
}

/** The risk gate answers in request order: each answer named with its account. */
export function tagRisk(accounts: PlanAccount[], risk: AccountRisk[]): AccountRisk[] {
  return risk.map((r, i) => riskOf(r, accounts[i]));
}

// Built field by field, not spread: a router tags every decision of every task (a spread of these objects is
// several times dearer in V8). Every field of the shared kernel's shapes is copied.

/** One risk decision named with its account. */
function riskOf(r: RiskDecision, a: PlanAccount): AccountRisk {
  const tagged: AccountRisk = {
    firm_code: r.firm_code,
    status: r.status,
    rule: r.rule,
    reason: r.reason,
    details: r.details,
    account_id: a.id,
    account_label: a.label,
  };
  if (r.approved_quantity !== undefined) tagged.approved_quantity = r.approved_quantity;
  return tagged;
}

/** One sizing decision named with its account. */
export function sizingOf(d: SizingDecision, a: PlanAccount): AccountSizing {
  return {
    firm_code: d.firm_code,
    program_id: d.program_id,
    status: d.status,
    rule: d.rule,
    reason: d.reason,
    computed_quantity: d.computed_quantity,
    details: d.details,
    account_id: a.id,
    account_label: a.label,
  };
}

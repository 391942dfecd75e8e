import type { TaskResult } from '../../shared-kernel/seed-results';

/** What came of one alert for one account, in one line of the signals feed. */
export type AccountDecisionKind =
  'REJECTED' | 'ORDER_SENT' | 'ORDER_FAILED' | 'ORDER_RETRY' | 'SKIPPED' | 'APPROVED';
export const ACCOUNT_DECISION_KINDS: readonly AccountDecisionKind[] = [
  'REJECTED',
  'ORDER_SENT',
  'ORDER_FAILED',
  'ORDER_RETRY',
  'SKIPPED',
  'APPROVED',
];

export interface AccountDecision {
  account_id: number | null;
  account_label: string | null;
  firm_code: string;
  decision: AccountDecisionKind;
  /** Where it was decided: refused by risk or sizing, or the order's connector answer. */
  stage: 'risk' | 'sizing' | 'connector' | null;
  /** The quantity sized for it (after the risk gate's fit); null when sizing refused it. */
  quantity: number | null;
  /** The rule that refused it, or the order's error code; null when nothing refused it. */
  rule: string | null;
  /** Why, in words: the rule's reason or the platform's error. */
  reason: string | null;
  external_order_id: string | null;
}

const CONNECTOR: Record<string, AccountDecisionKind> = {
  SUCCESS: 'ORDER_SENT',
  FAILED: 'ORDER_FAILED',
  RETRY: 'ORDER_RETRY',
  SKIPPED: 'SKIPPED',
};

/**
 * One line per account from a task's result: its order's answer when one was sent, else the sizing or risk
 * refusal (sizing first: an account is sized before it is checked), else approved with nothing sent. An
 * account that was not sized (an `env:` account without the alert's program_ids) goes with the alert's
 * own quantity, as the router sends it.
 */
export function accountDecisions(result: TaskResult, alertQuantity: number | null = null): AccountDecision[] {
  const lines = new Map<string, AccountDecision>();
  const line = (ref: AccountKey) => {
    const key = ref.account_id !== null ? `a${ref.account_id}` : `f${ref.firm_code}`;
    let found = lines.get(key);
    if (!found) {
      found = {
        account_id: ref.account_id,
        account_label: ref.account_label,
        firm_code: ref.firm_code,
        ...blank(),
      };
      lines.set(key, found);
    }
    return found;
  };
  applySizing(result, line);
  for (const r of result.risk_checks ?? []) {
    const l = line(r);
    if (l.quantity === null && l.stage === null) l.quantity = alertQuantity;
    if (r.approved_quantity !== undefined) l.quantity = r.approved_quantity;
    if (r.status === 'REJECTED' && l.stage === null)
      Object.assign(l, { decision: 'REJECTED', stage: 'risk', rule: r.rule, reason: r.reason });
  }
  for (const c of result.connector_results ?? []) {
    const failed = c.status !== 'SUCCESS' && c.error_message ? c.error_message : null;
    Object.assign(line(c), {
      decision: CONNECTOR[c.status] ?? 'SKIPPED',
      stage: 'connector',
      rule: failed ? errorCode(failed) : null,
      reason: failed,
      external_order_id: c.external_order_id,
    });
  }
  return [...lines.values()];
}

type AccountKey = Pick<AccountDecision, 'account_id' | 'account_label' | 'firm_code'>;

/** The first approved program sizes the account; with none approved, the first refusal names the rule. */
function applySizing(result: TaskResult, line: (ref: AccountKey) => AccountDecision): void {
  for (const s of result.program_sizing ?? []) {
    const l = line(s);
    if (s.status === 'APPROVED' && l.quantity === null) l.quantity = s.computed_quantity;
  }
  for (const s of result.program_sizing ?? []) {
    const l = line(s);
    if (s.status === 'REJECTED' && l.quantity === null && l.stage === null)
      Object.assign(l, { decision: 'REJECTED', stage: 'sizing', rule: s.rule, reason: s.reason });
  }
}

function blank(): Omit<AccountDecision, 'account_id' | 'account_label' | 'firm_code'> {
  return {
    decision: 'APPROVED',
    stage: null,
    quantity: null,
    rule: null,
    reason: null,
    external_order_id: null,
  };
}

/** `GLOBAL_DRY_RUN_ENABLED`, `CONNECTOR_NOT_CONFIGURED: …` → the leading code; null for plain words. */
function errorCode(message: string): string | null {
  const m = /^([A-Z][A-Z0-9_]{2,})(?::|$)/.exec(message);
  return m ? m[1] : null;
}

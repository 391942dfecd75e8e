import type {
  AccountRef,
  ConnectorOutcome,
  ConnectorStatus,
  TaskOutcome,
  TaskResult,
} from '../../shared-kernel/seed-results';
import type { EventType } from './signal';
import {
  SKIP_ALREADY_FLAT,
  SKIP_NO_POSITION,
  SKIP_NO_WORKING_ORDERS,
  SKIP_POSITION_IS_LONG,
  SKIP_POSITION_IS_SHORT,
} from './position-plan';
import type { AccountRisk, AccountSizing } from './routing-plan';

export type {
  ConnectorOutcome,
  ConnectorStatus,
  RiskDecision,
  SizingDecision,
  TaskOutcome,
  TaskResult,
} from '../../shared-kernel/seed-results';

export const SKIP_DRY_RUN = 'GLOBAL_DRY_RUN_ENABLED';
/** An account where a position-aware alert had nothing to act on (position-plan.ts). */
const POSITION_SKIPS = new Set([
  SKIP_NO_POSITION,
  SKIP_ALREADY_FLAT,
  SKIP_NO_WORKING_ORDERS,
  SKIP_POSITION_IS_LONG,
  SKIP_POSITION_IS_SHORT,
]);
export const SKIP_NO_ROUTED_ENTRY = 'NO_ROUTED_ENTRY';
export const FAIL_MISSING_QUANTITY = 'MISSING_QUANTITY';

export function skipped(firm_code: string, ref: AccountRef, reason: string): ConnectorOutcome {
  return {
    firm_code,
    ...ref,
    status: 'SKIPPED',
    external_order_id: null,
    raw_response: null,
    error_message: reason,
  };
}

export function failed(firm_code: string, ref: AccountRef, reason: string): ConnectorOutcome {
  return {
    firm_code,
    ...ref,
    status: 'FAILED',
    external_order_id: null,
    raw_response: null,
    error_message: reason,
  };
}

export interface ResultInput {
  eventType: EventType;
  tradeId: string;
  dryRun: boolean;
  /** How many accounts were targeted; 0 with `nothingReason` when none was. */
  targets: number;
  nothingReason?: string | null;
  risk: AccountRisk[];
  sizing: AccountSizing[];
  connectors: ConnectorOutcome[];
}

/** Assembles the task result; `routed` is true when any connector returned SUCCESS. */
export function assembleResult(input: ResultInput): TaskResult {
  const outcome = outcomeOf(input);
  return {
    routed: input.connectors.some((c) => c.status === 'SUCCESS'),
    dry_run: input.dryRun,
    event_type: input.eventType,
    trade_id: input.tradeId,
    details: describe(input, outcome),
    outcome,
    account_counts: countsOf(input),
    risk_checks: input.risk,
    program_sizing: input.sizing,
    connector_results: input.connectors,
  };
}

/**
 * What the task came to. Orders meant to go are the connector results that are not SKIPPED: all SUCCESS →
 * ROUTED, some → PARTIAL, none → FAILED_TO_SEND (a RETRY is not a success until it is re-driven to one).
 * No order meant to go: NOTHING_TO_DO with no target (or an exit with nothing open), DRY_RUN when accounts
 * passed but EXECUTION_DRY_RUN held them, else REJECTED (every account refused by risk or sizing).
 */
export function outcomeOf(
  input: Pick<ResultInput, 'targets' | 'dryRun' | 'connectors' | 'eventType'>,
): TaskOutcome {
  if (input.targets === 0) return 'NOTHING_TO_DO';
  const meant = input.connectors.filter((c) => c.status !== 'SKIPPED');
  if (meant.length > 0) {
    const ok = meant.filter((c) => c.status === 'SUCCESS').length;
    if (ok === meant.length) return 'ROUTED';
    return ok > 0 ? 'PARTIAL' : 'FAILED_TO_SEND';
  }
  if (input.connectors.length > 0 && input.connectors.every((c) => POSITION_SKIPS.has(c.error_message ?? '')))
    return 'NOTHING_TO_DO';
  if (input.dryRun && input.connectors.length > 0) return 'DRY_RUN';
  if (input.eventType === 'exit' && input.connectors.length > 0) return 'NOTHING_TO_DO';
  return 'REJECTED';
}

/**
 * Accounts per state: targeted, rejected (an account counts once: refused by risk, or sized with no program
 * approving it — an `env:` account's PROGRAM_FIRM_MISMATCH entries beside an approved program do not count),
 * and each connector status.
 */
function countsOf(input: ResultInput): Record<string, number> {
  const sizingApproved = new Set(
    input.sizing.filter((r) => r.status === 'APPROVED').map((r) => r.account_id),
  );
  const rejected = new Set([
    ...input.risk.filter((r) => r.status === 'REJECTED').map((r) => r.account_id),
    ...input.sizing.filter((r) => !sizingApproved.has(r.account_id)).map((r) => r.account_id),
  ]);
  const counts: Record<string, number> = { targeted: input.targets, rejected: rejected.size };
  for (const status of ['SUCCESS', 'FAILED', 'RETRY', 'SKIPPED'] satisfies ConnectorStatus[])
    counts[status.toLowerCase()] = input.connectors.filter((c) => c.status === status).length;
  return counts;
}

function describe(input: ResultInput, outcome: TaskOutcome): string {
  if (input.targets === 0)
    return `Nothing to do: ${input.nothingReason ?? 'no enabled account is targeted'}.`;
  const count = (status: ConnectorStatus) => input.connectors.filter((c) => c.status === status).length;
  const passed = input.connectors.filter((c) => c.error_message !== SKIP_NO_ROUTED_ENTRY).length;
  const considered = `${passed} of ${input.targets} target account(s) passed risk and sizing`;
  if (outcome === 'DRY_RUN') return `Dry run (EXECUTION_DRY_RUN): ${considered}; no order sent.`;
  const sent = input.eventType === 'exit' ? 'closed' : 'routed';
  return `${outcome}: ${considered}; ${sent}: ${count('SUCCESS')}, failed: ${count('FAILED')}, retry: ${count('RETRY')}, skipped: ${count('SKIPPED')}.`;
}

/** A connector result replaced (an order re-driven to its end), the outcome and counts recomputed. */
export function withConnectorResult(result: TaskResult, next: ConnectorOutcome): TaskResult {
  const connectors = result.connector_results.map((c) =>
    c.account_id === next.account_id && c.firm_code === next.firm_code ? next : c,
  );
  const input: ResultInput = {
    eventType: result.event_type,
    tradeId: result.trade_id,
    dryRun: result.dry_run,
    targets: result.account_counts?.targeted ?? connectors.length,
    risk: result.risk_checks,
    sizing: result.program_sizing,
    connectors,
  };
  return assembleResult(input);
}

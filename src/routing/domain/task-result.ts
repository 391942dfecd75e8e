import type { EventType } from './signal';

/** One firm's pre-trade risk decision (seed 13D field names). */
export interface RiskDecision {
  firm_code: string;
  status: 'APPROVED' | 'REJECTED';
  rule: string | null;
  reason: string | null;
  details: Record<string, unknown>;
}

/** One firm × program sizing decision (seed 13E `SizingResult`). */
export interface SizingDecision {
  firm_code: string;
  program_id: number;
  status: 'APPROVED' | 'REJECTED';
  rule: string | null;
  reason: string | null;
  computed_quantity: number | null;
  details: Record<string, unknown>;
}

export type ConnectorStatus = 'SUCCESS' | 'FAILED' | 'RETRY' | 'SKIPPED';

/** One firm's connector outcome as the result records it (seed 13C, without raw_request). */
export interface ConnectorOutcome {
  firm_code: string;
  status: ConnectorStatus;
  external_order_id: string | null;
  raw_response: unknown;
  error_message: string | null;
}

/** `execution_logs.response_body`: the exact shape of DESIGN.md. */
export interface TaskResult {
  routed: boolean;
  dry_run: boolean;
  event_type: EventType;
  trade_id: string;
  details: string;
  risk_checks: RiskDecision[];
  program_sizing: SizingDecision[];
  connector_results: ConnectorOutcome[];
}

export const SKIP_DRY_RUN = 'GLOBAL_DRY_RUN_ENABLED';
export const SKIP_NO_ROUTED_ENTRY = 'NO_ROUTED_ENTRY';
export const FAIL_MISSING_QUANTITY = 'MISSING_QUANTITY';

export function skipped(firm_code: string, reason: string): ConnectorOutcome {
  return { firm_code, status: 'SKIPPED', external_order_id: null, raw_response: null, error_message: reason };
}

export function failed(firm_code: string, reason: string): ConnectorOutcome {
  return { firm_code, status: 'FAILED', external_order_id: null, raw_response: null, error_message: reason };
}

export interface ResultInput {
  eventType: EventType;
  tradeId: string;
  dryRun: boolean;
  targets: string[];
  risk: RiskDecision[];
  sizing: SizingDecision[];
  connectors: ConnectorOutcome[];
}

/** Assembles the task result; `routed` is true when any connector returned SUCCESS. */
export function assembleResult(input: ResultInput): TaskResult {
  const routed = input.connectors.some((c) => c.status === 'SUCCESS');
  return {
    routed,
    dry_run: input.dryRun,
    event_type: input.eventType,
    trade_id: input.tradeId,
    details: describe(input),
    risk_checks: input.risk,
    program_sizing: input.sizing,
    connector_results: input.connectors,
  };
}

function describe(input: ResultInput): string {
  if (input.targets.length === 0) return 'No target firm: firm_codes is empty and no firm is enabled.';
  const count = (status: ConnectorStatus) => input.connectors.filter((c) => c.status === status).length;
  const considered = `${input.connectors.length} of ${input.targets.length} target firm(s) passed risk and sizing`;
  if (input.dryRun) return `Dry run (EXECUTION_DRY_RUN): ${considered}; no order sent.`;
  const sent = input.eventType === 'exit' ? 'closed' : 'routed';
  return `${considered}; ${sent}: ${count('SUCCESS')}, failed: ${count('FAILED')}, retry: ${count('RETRY')}, skipped: ${count('SKIPPED')}.`;
}

/**
 * Registry records. Field names are the seed's column and JSON names: the API, the import formats and the
 * audit trail all use them unchanged. Numeric columns are plain numbers here (mapped once from NUMERIC).
 */
export type JsonObject = Record<string, unknown>;

export type FirmStatus = 'active' | 'inactive';

export interface FirmFields {
  code: string;
  name: string;
  website_url: string | null;
  status: FirmStatus;
  schema_version: number;
  meta: JsonObject;
}

export interface Firm extends FirmFields {
  id: number;
  last_synced_at: Date | null;
}

export interface ProgramFields {
  firm_id: number;
  name: string;
  account_size: number;
  currency: string;
  max_daily_loss: number | null;
  max_total_loss: number | null;
  profit_target: number | null;
  min_trading_days: number | null;
  max_trading_days: number | null;
  payout_split: number | null;
  scaling_plan: string | null;
  schema_version: number;
  meta: JsonObject;
}

export interface Program extends ProgramFields {
  id: number;
  firm_code: string;
  firm_name: string;
}

export interface ScalingRuleFields {
  firm_id: number;
  program_id: number | null;
  step_number: number;
  scale_factor: number;
  profit_target_multiple: number | null;
  min_days_between_scales: number | null;
  max_equity_drawdown: number | null;
  meta: JsonObject;
}

export interface ScalingRule extends ScalingRuleFields {
  id: number;
}

/** A firm with the seed's per-firm program summary. */
export interface FirmSummary extends Firm {
  program_count: number;
  min_account_size: number | null;
  max_account_size: number | null;
}

export type AuditAction = 'create' | 'update' | 'delete' | 'import' | 'sync';
export type AuditEntity = 'firm' | 'program' | 'scaling_rule';

export interface AuditEntryInput {
  actor: string;
  action: AuditAction;
  entity: AuditEntity;
  entity_id: number;
  before: JsonObject | null;
  after: JsonObject | null;
}

export interface AuditEntry extends AuditEntryInput {
  id: number;
  created_at: Date;
}

/** Input not yet validated: any subset of the fields, values of any type (from JSON, CSV or a request body). */
export type Draft<T> = { [K in keyof T]?: unknown };

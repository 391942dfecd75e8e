import { ACCOUNT_PHASES } from '../../shared-kernel/account-phase';
import type { Environment, Platform } from './platforms';

export type Source = 'api' | 'env';
export const PHASES = ACCOUNT_PHASES;
export type Phase = (typeof PHASES)[number];
export const SIZING_MODES = ['risk', 'fixed', 'multiplier'] as const;
export type SizingModeName = (typeof SIZING_MODES)[number];

/** What an API write may set on a connection (credentials travel apart, encrypted). */
export interface ConnectionFields {
  name: string;
  platform: Platform;
  environment: Environment;
  base_url: string | null;
}

/** A stored connection, as the API and the audit see it: credential field names only. */
export interface Connection {
  id: number;
  name: string;
  /** Null only for an env connection whose `{FIRM}_PLATFORM` is unset or unknown. */
  platform: Platform | null;
  environment: Environment;
  base_url: string | null;
  credentials_set: string[];
  source: Source;
  env_firm: string | null;
  revision: number;
  created_at: Date;
  updated_at: Date;
}

/** What an API write may set on an account. */
export interface AccountFields {
  label: string;
  firm_code: string;
  program_id: number | null;
  connection_id: number;
  platform_account: string | null;
  platform_account_spec: string | null;
  phase: Phase;
  enabled: boolean;
  tags: string[];
  sizing_mode: SizingModeName;
  /** Fraction, 0.01 = 1 % (the alert's risk_percent convention); exact decimal text. */
  default_risk_percent: string | null;
  fixed_quantity: number | null;
  /** Exact decimal text, e.g. "0.5". */
  quantity_multiplier: string | null;
  max_contracts: number | null;
  symbol_map: Record<string, string>;
  /** Reconciliation closes a position no routed trade opened (off by default: it is only reported). */
  flatten_orphans: boolean;
  /**
   * The guard after the trade flattens and halts the account when its room before the daily loss limit or
   * the drawdown floor is at most this fraction of that limit (0.1 = 10 %); exact decimal text; null: the
   * GUARD_BUFFER default.
   */
  guard_buffer: string | null;
}

export interface Account extends AccountFields {
  id: number;
  source: Source;
  created_at: Date;
  updated_at: Date;
}

/** A partial write: only the fields the caller sent, unchecked. */
export type Draft = Record<string, unknown>;

export type Checked<T> = { ok: true; value: T } | { ok: false; problems: string[] };

export const ACCOUNT_DEFAULTS: Draft = {
  phase: 'evaluation',
  enabled: true,
  tags: [],
  sizing_mode: 'risk',
  default_risk_percent: null,
  fixed_quantity: null,
  quantity_multiplier: null,
  max_contracts: null,
  symbol_map: {},
  flatten_orphans: false,
  guard_buffer: null,
  platform_account: null,
  platform_account_spec: null,
};

export const CONNECTION_DEFAULTS: Draft = { environment: 'demo', base_url: null };

/** `env:` starts the labels and names of the seed's env-configured firms only. */
export const RESERVED_PREFIX = 'env:';

export function envLabel(firm: string): string {
  return `${RESERVED_PREFIX}${firm}`;
}

/** The 409 for any write to an env row. */
export function envRowMessage(firm: string): string {
  return `configured by environment: change ${firm}_* variables`;
}

/** How many problems one 400 lists at most (a body of 10,000 bad tags must not become a 10,000-line answer). */
export const MAX_PROBLEMS = 50;

export function capProblems(problems: string[]): string[] {
  if (problems.length <= MAX_PROBLEMS) return problems;
  return [...problems.slice(0, MAX_PROBLEMS), `… and ${problems.length - MAX_PROBLEMS} more problems`];
}

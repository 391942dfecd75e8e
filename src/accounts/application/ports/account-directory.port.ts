/**
 * The accounts context's one door: what routing, risk and connectors know of connections and trading
 * accounts. Nobody else reads `platform_connections` or `trading_accounts`. Every read sees the latest
 * committed configuration (a change applies to the next signal, in every process, without a restart).
 */

export type { UnknownNames } from '../../domain/target-filter';
import type { UnknownNames } from '../../domain/target-filter';

/** `paper`: PropRouter's own paper platform (issue 19). */
export type AccountPlatform = 'tradovate' | 'projectx' | 'rest' | 'paper';
export type AccountPhase = 'evaluation' | 'funded' | 'live';
export type SizingMode = 'risk' | 'fixed' | 'multiplier';

/** How an account turns an alert into a quantity (see the accounts issue / README). */
export interface AccountSizing {
  mode: SizingMode;
  /** Fraction (0.01 = 1 %), used in `risk` mode when the alert gives no risk_percent; null = none. */
  defaultRiskPercent: number | null;
  /** `fixed` mode's quantity. */
  fixedQuantity: number | null;
  /** `multiplier` mode: a decimal string (exact), e.g. "0.5". */
  quantityMultiplier: string | null;
  /** The account's own cap; the program's limit still applies (the tighter wins). */
  maxContracts: number | null;
}

/** A trading account as routing sees it: never a credential. */
export interface RoutingAccount {
  id: number;
  /** Unique; what a trader types in an alert. `env:{FIRM}` for the seed's env-configured firms. */
  label: string;
  firmCode: string;
  /**
   * The account's program; null only for an `env:{FIRM}` account, which keeps the seed's semantics (sized
   * for the alert's `program_ids`, risk state per firm × program).
   */
  programId: number | null;
  connectionId: number;
  /** Null only for an `env:{FIRM}` account whose `{FIRM}_PLATFORM` is unset or unknown (not configured). */
  platform: AccountPlatform | null;
  /** The platform's account id (Tradovate account id, ProjectX account id, REST account id); null for env. */
  platformAccount: string | null;
  /** Tradovate's account spec (name); null elsewhere. */
  platformAccountSpec: string | null;
  phase: AccountPhase;
  enabled: boolean;
  tags: string[];
  sizing: AccountSizing;
  /** Upper-case root → root, e.g. {"NQ":"MNQ"}; applied before sizing and risk. */
  symbolMap: Record<string, string>;
  /** Reconciliation closes a position no routed trade opened (off by default). */
  flattenOrphans: boolean;
  /** The guard's buffer, a fraction of the limit as exact decimal text (0.1 = 10 %); null: GUARD_BUFFER. */
  guardBuffer: string | null;
  /** `env`: configured by `{FIRM}_*` variables, read-only in the API. */
  source: 'api' | 'env';
}

/** An alert's account filters (each empty = no filter); intersected. */
export interface AccountFilter {
  /** Labels or ids (as strings). */
  accounts: string[];
  tags: string[];
  firmCodes: string[];
  programIds: number[];
}

export type TargetResolution =
  | { ok: true; accounts: RoutingAccount[]; /** Why none matched, when none did. */ reason: string | null }
  | { ok: false; unknownAccounts: string[]; unknownTags: string[] };

/** One login at a platform, with its credentials in clear: for the connectors only, never logged. */
export interface ConnectionWithSecrets {
  id: number;
  name: string;
  platform: AccountPlatform | null;
  environment: 'demo' | 'live';
  /** The base URL to use: `base_url` if set, else the platform's documented URL for the environment. */
  baseUrl: string;
  /** Field name → value; only the fields that are set. Tradovate: username, password, app_id, app_version,
   * cid, sec, device_id; ProjectX: username, api_key; REST: api_key. */
  credentials: Record<string, string>;
  /** Changes whenever the connection's URL or credentials change: a cached session is rebuilt then. */
  revision: string;
  source: 'api' | 'env';
  /** For `env` connections: the firm whose `{FIRM}_*` settings they are. */
  envFirm: string | null;
}

export abstract class AccountDirectory {
  /**
   * The enabled accounts matching every non-empty filter; an alert with no filter targets every enabled
   * account. A label/id or tag that names no account at all (enabled or not) → `ok: false` naming each.
   * `includeDisabled`: disabled accounts match too (an operator's flatten reaches what they still hold).
   */
  abstract resolveTargets(
    filter: AccountFilter,
    opts?: { includeDisabled?: boolean },
  ): Promise<TargetResolution>;
  /** Labels/ids, tags and firm codes in `filter` that name no account; empty lists when all are known. */
  abstract unknownNames(filter: AccountFilter): Promise<UnknownNames>;
  /** Every account, enabled or not, by id. */
  abstract all(): Promise<RoutingAccount[]>;
  /** One account by id, enabled or not; null when there is none. */
  abstract account(id: number): Promise<RoutingAccount | null>;
  /** One connection with its credentials decrypted; null when there is none. */
  abstract connection(id: number): Promise<ConnectionWithSecrets | null>;
  /** The accounts on one connection (enabled or not). */
  abstract accountsOf(connectionId: number): Promise<RoutingAccount[]>;
}

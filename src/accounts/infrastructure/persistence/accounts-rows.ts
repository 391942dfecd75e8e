import type { Account, Connection, Phase, SizingModeName, Source } from '../../domain/account-records';
import type { Environment, Platform } from '../../domain/platforms';
import type { AuditEntry, StoredConnection } from '../../application/ports/accounts-store.port';

/** `platform_connections` as pg returns it (SELECT *). */
export interface ConnectionRow {
  id: number;
  name: string;
  platform: string | null;
  environment: string;
  base_url: string | null;
  credentials_ciphertext: string | null;
  credentials_key_id: string | null;
  credentials_set: string[];
  source: string;
  env_firm: string | null;
  revision: number;
  created_at: Date;
  updated_at: Date;
}

/** `trading_accounts` as pg returns it (SELECT *). NUMERIC columns arrive as text. */
export interface AccountRow {
  id: number;
  label: string;
  firm_code: string;
  program_id: number | null;
  connection_id: number;
  platform_account: string | null;
  platform_account_spec: string | null;
  phase: string;
  enabled: boolean;
  tags: string[];
  sizing_mode: string;
  default_risk_percent: string | null;
  fixed_quantity: number | null;
  quantity_multiplier: string | null;
  max_contracts: number | null;
  symbol_map: Record<string, string>;
  flatten_orphans: boolean;
  guard_buffer: string | null;
  source: string;
  created_at: Date;
  updated_at: Date;
}

export function toConnection(row: ConnectionRow): Connection {
  return {
    id: row.id,
    name: row.name,
    platform: row.platform as Platform | null,
    environment: row.environment as Environment,
    base_url: row.base_url,
    credentials_set: row.credentials_set ?? [],
    source: row.source as Source,
    env_firm: row.env_firm,
    revision: row.revision,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

export function toStoredConnection(row: ConnectionRow): StoredConnection {
  const sealed =
    row.credentials_ciphertext !== null && row.credentials_key_id !== null
      ? { keyId: row.credentials_key_id, ciphertext: row.credentials_ciphertext }
      : null;
  return { ...toConnection(row), sealed };
}

export function toAccount(row: AccountRow): Account {
  return {
    id: row.id,
    label: row.label,
    firm_code: row.firm_code,
    program_id: row.program_id,
    connection_id: row.connection_id,
    platform_account: row.platform_account,
    platform_account_spec: row.platform_account_spec,
    phase: row.phase as Phase,
    enabled: row.enabled,
    tags: row.tags ?? [],
    sizing_mode: row.sizing_mode as SizingModeName,
    default_risk_percent: row.default_risk_percent,
    fixed_quantity: row.fixed_quantity,
    quantity_multiplier: row.quantity_multiplier,
    max_contracts: row.max_contracts,
    symbol_map: row.symbol_map ?? {},
    flatten_orphans: row.flatten_orphans ?? false,
    guard_buffer: row.guard_buffer ?? null,
    source: row.source as Source,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/** The account columns an API write sets, in the order of `accountValues`. */
export const ACCOUNT_COLUMNS = [
  'label',
  'firm_code',
  'program_id',
  'connection_id',
  'platform_account',
  'platform_account_spec',
  'phase',
  'enabled',
  'tags',
  'sizing_mode',
  'default_risk_percent',
  'fixed_quantity',
  'quantity_multiplier',
  'max_contracts',
  'symbol_map',
  'flatten_orphans',
  'guard_buffer',
] as const;

export function accountValues(
  fields: Omit<Account, 'id' | 'source' | 'created_at' | 'updated_at'>,
): unknown[] {
  return ACCOUNT_COLUMNS.map((c) => (c === 'symbol_map' ? JSON.stringify(fields.symbol_map) : fields[c]));
}

/** `accounts_audit` as pg returns it. */
export interface AuditRow {
  id: number;
  actor: string;
  action: AuditEntry['action'];
  entity: AuditEntry['entity'];
  entity_id: number;
  before: object | null;
  after: object | null;
  created_at: Date;
}

export function toAuditEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    actor: row.actor,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    before: row.before,
    after: row.after,
    createdAt: row.created_at,
  };
}

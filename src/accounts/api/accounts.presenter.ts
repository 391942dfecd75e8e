import type { AccountView } from '../application/account-admin.service';
import type { Connection } from '../domain/account-records';
import { effectiveBaseUrl } from '../domain/platforms';
import type { AccountResponseDto, ConnectionResponseDto } from './dto/accounts.response.dto';

/** A connection as the API shows it: which credential fields are set, never a value. */
export function toConnectionDto(c: Connection): ConnectionResponseDto {
  return {
    id: c.id,
    name: c.name,
    platform: c.platform,
    environment: c.environment,
    base_url: c.base_url,
    effective_base_url: effectiveBaseUrl(c.platform, c.environment, c.base_url),
    credentials_set: c.credentials_set,
    source: c.source,
    env_firm: c.env_firm,
    revision: c.revision,
    created_at: c.created_at.toISOString(),
    updated_at: c.updated_at.toISOString(),
  };
}

export function toAccountDto(a: AccountView): AccountResponseDto {
  return {
    id: a.id,
    label: a.label,
    firm_code: a.firm_code,
    program_id: a.program_id,
    connection_id: a.connection_id,
    platform: a.platform,
    platform_account: a.platform_account,
    platform_account_spec: a.platform_account_spec,
    phase: a.phase,
    enabled: a.enabled,
    tags: a.tags,
    sizing_mode: a.sizing_mode,
    default_risk_percent: a.default_risk_percent === null ? null : Number(a.default_risk_percent),
    fixed_quantity: a.fixed_quantity,
    quantity_multiplier: a.quantity_multiplier === null ? null : Number(a.quantity_multiplier),
    max_contracts: a.max_contracts,
    symbol_map: a.symbol_map,
    flatten_orphans: a.flatten_orphans,
    guard_buffer: a.guard_buffer === null ? null : Number(a.guard_buffer),
    source: a.source,
    notes: a.notes,
    created_at: a.created_at.toISOString(),
    updated_at: a.updated_at.toISOString(),
  };
}

import type { AuditEntry, Firm, FirmSummary, Program, ScalingRule } from '../domain/registry-records';
import type {
  AuditEntryResponseDto,
  FirmResponseDto,
  FirmSummaryResponseDto,
  ProgramResponseDto,
  ScalingRuleResponseDto,
} from './dto/registry.response.dto';

/** Records leave the API with the seed's field names; dates as ISO strings (numbers are numbers already). */
export function toFirmDto(f: Firm): FirmResponseDto {
  return {
    id: f.id,
    code: f.code,
    name: f.name,
    website_url: f.website_url,
    status: f.status,
    schema_version: f.schema_version,
    meta: f.meta,
    last_synced_at: f.last_synced_at ? f.last_synced_at.toISOString() : null,
  };
}

export function toFirmSummaryDto(f: FirmSummary): FirmSummaryResponseDto {
  return {
    ...toFirmDto(f),
    program_count: f.program_count,
    min_account_size: f.min_account_size,
    max_account_size: f.max_account_size,
  };
}

export const toProgramDto = (p: Program): ProgramResponseDto => ({ ...p });
export const toRuleDto = (r: ScalingRule): ScalingRuleResponseDto => ({ ...r });

export function toAuditDto(a: AuditEntry): AuditEntryResponseDto {
  return { ...a, created_at: a.created_at.toISOString() };
}

import { ApiProperty } from '@nestjs/swagger';

const META = { type: 'object', additionalProperties: true } as const;

export class FirmResponseDto {
  @ApiProperty() id: number;
  @ApiProperty({ example: 'APEX' }) code: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) website_url: string | null;
  @ApiProperty({ enum: ['active', 'inactive'] }) status: string;
  @ApiProperty() schema_version: number;
  @ApiProperty(META) meta: Record<string, unknown>;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) last_synced_at: string | null;
}

export class FirmSummaryResponseDto extends FirmResponseDto {
  @ApiProperty() program_count: number;
  @ApiProperty({ nullable: true, type: Number }) min_account_size: number | null;
  @ApiProperty({ nullable: true, type: Number }) max_account_size: number | null;
}

export class FirmListResponseDto {
  @ApiProperty({ enum: ['success'] }) status: 'success';
  @ApiProperty() count: number;
  @ApiProperty({ type: [FirmSummaryResponseDto] }) firms: FirmSummaryResponseDto[];
}

export class ProgramResponseDto {
  @ApiProperty() id: number;
  @ApiProperty() firm_id: number;
  @ApiProperty() firm_code: string;
  @ApiProperty() firm_name: string;
  @ApiProperty() name: string;
  @ApiProperty() account_size: number;
  @ApiProperty() currency: string;
  @ApiProperty({ nullable: true, type: Number }) max_daily_loss: number | null;
  @ApiProperty({ nullable: true, type: Number }) max_total_loss: number | null;
  @ApiProperty({ nullable: true, type: Number }) profit_target: number | null;
  @ApiProperty({ nullable: true, type: Number }) min_trading_days: number | null;
  @ApiProperty({ nullable: true, type: Number }) max_trading_days: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'fraction, 0.8 = 80 %' }) payout_split:
    number | null;
  @ApiProperty({ nullable: true, type: String }) scaling_plan: string | null;
  @ApiProperty() schema_version: number;
  @ApiProperty({
    ...META,
    description:
      'free-form; drawdown_type, max_contracts, max_risk_percent and scaling_ladder are read by risk and sizing',
  })
  meta: Record<string, unknown>;
}

export class ProgramListResponseDto {
  @ApiProperty({ enum: ['success'] }) status: 'success';
  @ApiProperty() count: number;
  @ApiProperty({ type: [ProgramResponseDto] }) programs: ProgramResponseDto[];
}

export class ScalingRuleResponseDto {
  @ApiProperty() id: number;
  @ApiProperty() firm_id: number;
  @ApiProperty({ nullable: true, type: Number, description: 'null: a firm-wide rule' }) program_id:
    number | null;
  @ApiProperty() step_number: number;
  @ApiProperty() scale_factor: number;
  @ApiProperty({ nullable: true, type: Number }) profit_target_multiple: number | null;
  @ApiProperty({ nullable: true, type: Number }) min_days_between_scales: number | null;
  @ApiProperty({ nullable: true, type: Number }) max_equity_drawdown: number | null;
  @ApiProperty(META) meta: Record<string, unknown>;
}

export class ScalingRuleListResponseDto {
  @ApiProperty({ enum: ['success'] }) status: 'success';
  @ApiProperty() count: number;
  @ApiProperty({ type: [ScalingRuleResponseDto] }) rules: ScalingRuleResponseDto[];
}

/** The seed's backward-compatible shape of `GET /api/prop-firm/firms`. */
export class LegacyFirmResponseDto {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
  @ApiProperty() base_currency: string;
  @ApiProperty() max_drawdown: number;
  @ApiProperty() daily_loss_limit: number;
  @ApiProperty() profit_target: number;
  @ApiProperty() account_count: number;
}

export class AuditEntryResponseDto {
  @ApiProperty() id: number;
  @ApiProperty({ description: 'user name, api-key:<name>, system:seed or system:sync' }) actor: string;
  @ApiProperty({ enum: ['create', 'update', 'delete', 'import', 'sync'] }) action: string;
  @ApiProperty({ enum: ['firm', 'program', 'scaling_rule'] }) entity: string;
  @ApiProperty() entity_id: number;
  @ApiProperty({ ...META, nullable: true }) before: Record<string, unknown> | null;
  @ApiProperty({ ...META, nullable: true }) after: Record<string, unknown> | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
}

export class AuditListResponseDto {
  @ApiProperty() total: number;
  @ApiProperty({ type: [AuditEntryResponseDto] }) items: AuditEntryResponseDto[];
}

export class ImportRowResponseDto {
  @ApiProperty({ example: 'firms[0].programs[1]', description: 'JSON path, or "line N" of a CSV' })
  source: string;
  @ApiProperty({ enum: ['firm', 'program', 'scaling_rule'] }) entity: string;
  @ApiProperty({ example: 'APEX / Apex 50k / 50000', description: 'the natural key' }) key: string;
  @ApiProperty({
    enum: ['created', 'updated', 'unchanged', 'rejected', 'retired', 'kept'],
    description: '`retired`/`kept`: a generic seed program with `retire_generic=true`',
  })
  action: string;
  @ApiProperty({ nullable: true, type: Number }) id: number | null;
  @ApiProperty({ type: [String], description: 'why the row was rejected' }) problems: string[];
}

export class ImportReportResponseDto {
  @ApiProperty({ description: 'true: nothing was changed' }) dry_run: boolean;
  @ApiProperty() created: number;
  @ApiProperty() updated: number;
  @ApiProperty() unchanged: number;
  @ApiProperty() rejected: number;
  @ApiProperty({ description: 'generic seed programs deleted (`retire_generic=true`)' }) retired: number;
  @ApiProperty({ type: [ImportRowResponseDto] }) rows: ImportRowResponseDto[];
}

export class SyncReportResponseDto extends ImportReportResponseDto {
  @ApiProperty({ description: 'REGISTRY_SYNC_SOURCE' }) source: string;
}

import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Allow } from 'class-validator';

/*
 * Write bodies. `@Allow()` whitelists each field (unknown fields are a 400) and leaves the checking to the
 * registry's domain validation, which reports every problem of a record in one answer.
 */
const META = { type: 'object', additionalProperties: true } as const;

export class CreateFirmRequestDto {
  @ApiProperty({
    example: 'APEX',
    description: 'upper-case letters, digits, underscores; names the env variables',
  })
  @Allow()
  code: unknown;
  @ApiProperty({ example: 'Apex Trader Funding' }) @Allow() name: unknown;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'https://apextraderfunding.com' })
  @Allow()
  website_url?: unknown;
  @ApiPropertyOptional({ enum: ['active', 'inactive'], default: 'active' }) @Allow() status?: unknown;
  @ApiPropertyOptional({ type: Number, default: 1 }) @Allow() schema_version?: unknown;
  @ApiPropertyOptional({ ...META, default: {} }) @Allow() meta?: unknown;
}

export class UpdateFirmRequestDto extends PartialType(CreateFirmRequestDto) {}

export class CreateProgramRequestDto {
  @ApiProperty({ type: Number }) @Allow() firm_id: unknown;
  @ApiProperty({ type: String, example: 'Apex 50k Evaluation' }) @Allow() name: unknown;
  @ApiProperty({ type: Number, example: 50000 }) @Allow() account_size: unknown;
  @ApiPropertyOptional({ type: String, default: 'USD' }) @Allow() currency?: unknown;
  @ApiPropertyOptional({ type: Number, nullable: true }) @Allow() max_daily_loss?: unknown;
  @ApiPropertyOptional({ type: Number, nullable: true }) @Allow() max_total_loss?: unknown;
  @ApiPropertyOptional({ type: Number, nullable: true }) @Allow() profit_target?: unknown;
  @ApiPropertyOptional({ type: Number, nullable: true }) @Allow() min_trading_days?: unknown;
  @ApiPropertyOptional({ type: Number, nullable: true }) @Allow() max_trading_days?: unknown;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'fraction, 0.8 = 80 %' })
  @Allow()
  payout_split?: unknown;
  @ApiPropertyOptional({ type: String, nullable: true }) @Allow() scaling_plan?: unknown;
  @ApiPropertyOptional({ type: Number, default: 1 }) @Allow() schema_version?: unknown;
  @ApiPropertyOptional({
    ...META,
    description:
      'free-form; validated keys: drawdown_type (static, eod_trailing, intraday_trailing, eod_trailing_until_lock, ' +
      'intraday_trailing_until_lock), max_contracts, max_risk_percent, scaling_ladder [{min_profit, max_contracts}]',
  })
  @Allow()
  meta?: unknown;
}

export class UpdateProgramRequestDto extends PartialType(CreateProgramRequestDto) {}

export class CreateScalingRuleRequestDto {
  @ApiPropertyOptional({ type: Number, description: 'defaults to the program’s firm' })
  @Allow()
  firm_id?: unknown;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'absent: a firm-wide rule' })
  @Allow()
  program_id?: unknown;
  @ApiPropertyOptional({ type: Number, default: 1 }) @Allow() step_number?: unknown;
  @ApiProperty({ type: Number, example: 1.25 }) @Allow() scale_factor: unknown;
  @ApiPropertyOptional({ type: Number, nullable: true }) @Allow() profit_target_multiple?: unknown;
  @ApiPropertyOptional({ type: Number, nullable: true }) @Allow() min_days_between_scales?: unknown;
  @ApiPropertyOptional({ type: Number, nullable: true }) @Allow() max_equity_drawdown?: unknown;
  @ApiPropertyOptional(META) @Allow() meta?: unknown;
}

export class UpdateScalingRuleRequestDto extends PartialType(CreateScalingRuleRequestDto) {}

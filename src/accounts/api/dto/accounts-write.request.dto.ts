import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Allow } from 'class-validator';

/*
 * Write bodies. `@Allow()` whitelists each field (unknown fields are a 400) and leaves the checking to the
 * accounts domain, which reports every problem of a record in one answer.
 */
export class CreateConnectionRequestDto {
  @ApiProperty({
    type: String,
    example: 'apex-tradovate',
    description: '1–100 characters, unique; not "env:…"',
  })
  @Allow()
  name: unknown;
  @ApiProperty({
    enum: ['tradovate', 'projectx', 'rest', 'paper'],
    description: "paper: PropRouter's own paper platform (no credentials, no base_url)",
  })
  @Allow()
  platform: unknown;
  @ApiPropertyOptional({ enum: ['demo', 'live'], default: 'demo' }) @Allow() environment?: unknown;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'unset: the platform’s documented URL for the environment (required for rest)',
  })
  @Allow()
  base_url?: unknown;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string', nullable: true },
    description:
      'write-only. tradovate: username, password, app_id, app_version, cid, sec, device_id; projectx: username, api_key; ' +
      'rest: api_key. A value replaces the field, null removes it, an absent field is kept.',
    example: { username: 'trader', password: '…' },
  })
  @Allow()
  credentials?: unknown;
}

export class UpdateConnectionRequestDto extends PartialType(CreateConnectionRequestDto) {}

const SYMBOL_MAP = {
  type: 'object',
  additionalProperties: { type: 'string' },
  example: { NQ: 'MNQ' },
  description: 'upper-case symbol root → root (letters/digits, ≤ 10), applied before sizing and risk',
} as const;

export class CreateAccountRequestDto {
  @ApiProperty({
    type: String,
    example: 'apex-50k-1',
    description: '1–100 characters, unique (case-insensitive)',
  })
  @Allow()
  label: unknown;
  @ApiProperty({ type: String, example: 'APEX', description: 'a registry firm' }) @Allow() firm_code: unknown;
  @ApiProperty({ type: Number, description: 'a registry program of that firm' }) @Allow() program_id: unknown;
  @ApiProperty({ type: Number }) @Allow() connection_id: unknown;
  @ApiProperty({ type: String, description: 'the platform’s account id' }) @Allow() platform_account: unknown;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Tradovate’s account spec (name)' })
  @Allow()
  platform_account_spec?: unknown;
  @ApiPropertyOptional({ enum: ['evaluation', 'funded', 'live'], default: 'evaluation' })
  @Allow()
  phase?: unknown;
  @ApiPropertyOptional({ type: Boolean, default: true }) @Allow() enabled?: unknown;
  @ApiPropertyOptional({
    type: [String],
    description: 'lower-case [a-z0-9][a-z0-9_-]*, ≤ 40 characters, ≤ 20 tags',
  })
  @Allow()
  tags?: unknown;
  @ApiPropertyOptional({ enum: ['risk', 'fixed', 'multiplier'], default: 'risk' })
  @Allow()
  sizing_mode?: unknown;
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'fraction like the alert’s risk_percent: 0 < x ≤ 1, 0.01 = 1 %',
  })
  @Allow()
  default_risk_percent?: unknown;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'sizing_mode fixed: ≥ 1' })
  @Allow()
  fixed_quantity?: unknown;
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'sizing_mode multiplier: > 0, a number or a decimal string (exact, ≤ 6 places)',
  })
  @Allow()
  quantity_multiplier?: unknown;
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: '≥ 1; the program’s limit still applies',
  })
  @Allow()
  max_contracts?: unknown;
  @ApiPropertyOptional(SYMBOL_MAP) @Allow() symbol_map?: unknown;
  @ApiPropertyOptional({
    type: Boolean,
    default: false,
    description:
      'reconciliation closes a position no routed trade opened (by hand, another tool); off: it is only reported',
  })
  @Allow()
  flatten_orphans?: unknown;
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description:
      'guard after the trade: flatten and halt when the room before the daily loss limit or the drawdown floor is at most this fraction of the limit; 0 to 0.9 (0.1 = 10 %), ≤ 4 places; null: the GUARD_BUFFER default',
  })
  @Allow()
  guard_buffer?: unknown;
}

export class UpdateAccountRequestDto extends PartialType(CreateAccountRequestDto) {}

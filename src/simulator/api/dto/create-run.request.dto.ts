import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsPositive,
  IsString,
  IsTimeZone,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ACCOUNT_PHASES } from '../../../shared-kernel/account-phase';
import { IsIsoInstant } from '../../../platform/input/input.decorators';

const FINITE = { allowNaN: false, allowInfinity: false };

export class RiskSearchRequestDto {
  @ApiProperty({ description: 'step of the search, a fraction (0.0005 = 0.05 %)', example: 0.0005 })
  @IsNumber(FINITE)
  @IsPositive()
  @Max(1)
  step: number;

  @ApiProperty({ description: 'highest risk tried, a fraction (0.02 = 2 %)', example: 0.02 })
  @IsNumber(FINITE)
  @IsPositive()
  @Max(1)
  max: number;
}

/** POST /api/simulator/runs: a trade list (or an account's recorded fills), the programs and how to size. */
export class CreateRunRequestDto {
  @ApiProperty({
    enum: ['tradingview', 'csv', 'json', 'proprouter'],
    description:
      'tradingview: the Strategy Tester "List of trades" CSV export; csv / json: generic trades or fills; ' +
      'proprouter: the fills PropRouter recorded for `account_id` between `from` and `to`',
  })
  @IsIn(['tradingview', 'csv', 'json', 'proprouter'])
  format: 'tradingview' | 'csv' | 'json' | 'proprouter';

  @ApiPropertyOptional({ description: 'the file as text (tradingview, csv, json)', maxLength: 16_000_000 })
  @IsOptional()
  @IsString()
  @MaxLength(16_000_000)
  file?: string;

  @ApiPropertyOptional({
    description: "tradingview: the chart's symbol (the export does not name it)",
    example: 'NQ1!',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  symbol?: string;

  @ApiPropertyOptional({
    description:
      "time zone of times written without one: TradingView exports in the chart's zone (default America/Chicago, " +
      'what a CME futures chart shows by default); csv/json default UTC',
    example: 'America/Chicago',
  })
  @IsOptional()
  @IsTimeZone()
  timezone?: string;

  @ApiPropertyOptional({ description: 'proprouter: the trading account', example: 3 })
  @IsOptional()
  @IsInt()
  @Min(1)
  account_id?: number;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'proprouter: from (inclusive)' })
  @IsOptional()
  @IsIsoInstant()
  from?: Date;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'proprouter: to (exclusive)' })
  @IsOptional()
  @IsIsoInstant()
  to?: Date;

  @ApiPropertyOptional({ type: [Number], description: 'programs by id (one of program_ids, firm, all)' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsInt({ each: true })
  program_ids?: number[];

  @ApiPropertyOptional({ description: 'every program of this firm', example: 'TOPSTEP' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  firm?: string;

  @ApiPropertyOptional({ description: 'every program in the registry' })
  @IsOptional()
  @IsBoolean()
  all?: boolean;

  @ApiPropertyOptional({ enum: ['as_traded', 'multiplier', 'risk'], default: 'as_traded' })
  @IsOptional()
  @IsIn(['as_traded', 'multiplier', 'risk'])
  sizing?: 'as_traded' | 'multiplier' | 'risk';

  @ApiPropertyOptional({ description: 'multiplier sizing: exact decimal text', example: '0.5' })
  @IsOptional()
  @Matches(/^\d{1,6}(\.\d{1,6})?$/, { message: 'multiplier must be a positive decimal such as "0.5"' })
  multiplier?: string;

  @ApiPropertyOptional({
    description: 'risk sizing: a fraction of the account per trade (0.005 = 0.5 %)',
    example: 0.005,
  })
  @IsOptional()
  @IsNumber(FINITE)
  @IsPositive()
  @Max(1)
  risk_percent?: number;

  @ApiPropertyOptional({
    description: 'risk sizing and search: stop distance in points for trades without a stop',
    example: 10,
  })
  @IsOptional()
  @IsNumber(FINITE)
  @IsPositive()
  @Max(1_000_000)
  stop_points?: number;

  @ApiPropertyOptional({
    type: RiskSearchRequestDto,
    description: 'search the highest risk % that still passes',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => RiskSearchRequestDto)
  search?: RiskSearchRequestDto;

  @ApiPropertyOptional({ enum: ACCOUNT_PHASES, default: 'evaluation', description: 'for phase-scoped rules' })
  @IsOptional()
  @IsIn([...ACCOUNT_PHASES])
  phase?: (typeof ACCOUNT_PHASES)[number];

  @ApiPropertyOptional({ default: true, description: 'apply the news blackout with the imported calendar' })
  @IsOptional()
  @IsBoolean()
  news?: boolean;

  @ApiPropertyOptional({ default: true, description: 'store equity curve points per program' })
  @IsOptional()
  @IsBoolean()
  curve?: boolean;
}

export class RunListQueryDto {
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ default: 0, minimum: 0, maximum: 1_000_000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset?: number;
}

export class RunIdParamsDto {
  @ApiProperty({ example: 1, minimum: 1 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  id: number;
}

import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsPositive,
  IsString,
  Length,
  Matches,
  ValidateIf,
} from 'class-validator';

const finite = { allowNaN: false, allowInfinity: false };

/** Any subset of the state; fields not sent keep their values. */
export class UpdateAccountStateRequestDto {
  @ApiPropertyOptional() @IsOptional() @IsNumber(finite) balance?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber(finite) start_of_day_balance?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber(finite) realized_pnl_today?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber(finite) open_pnl?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber(finite) high_water_mark_eod?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber(finite) high_water_mark_intraday?: number;
  @ApiPropertyOptional({ description: 'signed: positive long, negative short' })
  @IsOptional()
  @IsInt()
  open_contracts?: number;

  @ApiPropertyOptional({ nullable: true, type: Number })
  @ValidateIf((_, v) => v !== undefined && v !== null)
  @IsNumber(finite)
  @IsPositive()
  avg_price?: number | null;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'root of the open position, e.g. NQ' })
  @ValidateIf((_, v) => v !== undefined && v !== null)
  @IsString()
  @Length(1, 40)
  position_symbol?: string | null;

  @ApiPropertyOptional({ format: 'date', example: '2026-03-09' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'trading_day must be YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'trading_day must be a real calendar date' })
  trading_day?: string;
}

import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length, ValidateIf } from 'class-validator';
import {
  INT4_MAX,
  INT4_MIN,
  IsInt4,
  IsIsoDay,
  IsMoney,
  IsPrice,
  MAX_MONEY,
  MAX_PRICE,
  OptionalNotNull,
} from '../../../platform/input/input.decorators';

const MONEY = { minimum: -MAX_MONEY, maximum: MAX_MONEY };
/** Sent: a number in range. Absent: kept. null: a 400 (the column is NOT NULL). */
const Money = (): PropertyDecorator => (target, key) => {
  ApiPropertyOptional(MONEY)(target, key);
  OptionalNotNull()(target, key);
  IsMoney()(target, key);
};

/** Any subset of the state; fields not sent keep their values. */
export class UpdateAccountStateRequestDto {
  @Money() balance?: number;
  @Money() start_of_day_balance?: number;
  @Money() realized_pnl_today?: number;
  @Money() open_pnl?: number;
  @Money() high_water_mark_eod?: number;
  @Money() high_water_mark_intraday?: number;

  @ApiPropertyOptional({
    description: 'signed: positive long, negative short',
    minimum: INT4_MIN,
    maximum: INT4_MAX,
  })
  @OptionalNotNull()
  @IsInt4()
  open_contracts?: number;

  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    minimum: 0,
    exclusiveMinimum: true,
    maximum: MAX_PRICE,
  })
  @ValidateIf((_, v) => v !== undefined && v !== null)
  @IsPrice()
  avg_price?: number | null;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'root of the open position, e.g. NQ' })
  @ValidateIf((_, v) => v !== undefined && v !== null)
  @IsString()
  @Length(1, 40)
  position_symbol?: string | null;

  @ApiPropertyOptional({ format: 'date', example: '2026-03-09' })
  @OptionalNotNull()
  @IsIsoDay()
  trading_day?: string;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { IsIsoInstant, IsPrice, MAX_PRICE } from '../../../platform/input/input.decorators';

export class FillRequestDto {
  @ApiProperty({ enum: ['buy', 'sell'] })
  @Transform(({ value }) => (typeof value === 'string' ? value.toLowerCase() : value))
  @IsIn(['buy', 'sell'])
  side: 'buy' | 'sell';

  @ApiProperty({ minimum: 1, example: 2 }) @IsInt() @Min(1) @Max(100_000) quantity: number;

  @ApiProperty({ example: 21500.25, minimum: 0, exclusiveMinimum: true, maximum: MAX_PRICE })
  @IsPrice()
  price: number;

  @ApiProperty({
    example: 'NQ1!',
    description: 'any form the contract catalog normalizes (NQ1!, NQZ5, CME_MINI:NQ1!)',
  })
  @IsString()
  @Length(1, 40)
  symbol: string;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'ISO 8601; default: now' })
  @IsOptional()
  @IsIsoInstant()
  filled_at?: Date;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsPositive,
  IsString,
  Length,
  Max,
  Min,
} from 'class-validator';

export class FillRequestDto {
  @ApiProperty({ enum: ['buy', 'sell'] })
  @Transform(({ value }) => (typeof value === 'string' ? value.toLowerCase() : value))
  @IsIn(['buy', 'sell'])
  side: 'buy' | 'sell';

  @ApiProperty({ minimum: 1, example: 2 }) @IsInt() @Min(1) @Max(100_000) quantity: number;

  @ApiProperty({ example: 21500.25 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsPositive()
  price: number;

  @ApiProperty({
    example: 'NQ1!',
    description: 'any form the contract catalog normalizes (NQ1!, NQZ5, CME_MINI:NQ1!)',
  })
  @IsString()
  @Length(1, 40)
  symbol: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'default: now' })
  @IsOptional()
  @IsISO8601({ strict: true })
  filled_at?: string;
}

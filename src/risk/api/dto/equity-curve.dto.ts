import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsIsoInstant } from '../../../platform/input/input.decorators';

export class EquityCurveQueryDto {
  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'ISO 8601; default: 30 days ago' })
  @IsOptional()
  @IsIsoInstant()
  since?: Date;
  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'ISO 8601; default: now' })
  @IsOptional()
  @IsIsoInstant()
  until?: Date;
  @ApiPropertyOptional({
    minimum: 2,
    maximum: 5000,
    default: 500,
    description: 'At most this many points: a longer range is thinned evenly (its last point kept)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2)
  @Max(5000)
  max_points: number = 500;
}

export class EquityPointDto {
  @ApiProperty({ format: 'date-time', description: 'The minute this point stands for' }) at: string;
  @ApiProperty({ example: 50250.5 }) balance: number;
  @ApiProperty({ type: Number, nullable: true, description: 'null when the platform reports none' })
  open_pnl: number | null;
  @ApiProperty({ description: 'balance + open P&L', example: 50310 }) equity: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: "The drawdown floor the risk gate computed from that minute's marks; null: no maximum loss",
  })
  drawdown_floor: number | null;
}

export class EquityCurveResponseDto {
  @ApiProperty() account_id: number;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'intraday_trailing',
    description: "The program's drawdown kind; null when it has no maximum loss",
  })
  drawdown_type: string | null;
  @ApiProperty({ type: [EquityPointDto], description: 'Oldest first; one per minute the state changed' })
  points: EquityPointDto[];
}

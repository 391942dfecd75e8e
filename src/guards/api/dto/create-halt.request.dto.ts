import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsInt4, IsIsoInstant, OptionalNotNull } from '../../../platform/input/input.decorators';

export class CreateHaltRequestDto {
  @ApiPropertyOptional({ description: 'absent (and no account_id): halt every firm', example: 'APEX' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,50}$/, { message: 'firm_code must be a firm code such as APEX' })
  firm_code?: string;

  @ApiPropertyOptional({
    description: "halt this trading account alone (its firm's other accounts keep trading); never null",
    example: 12,
  })
  @OptionalNotNull()
  @IsInt4(1)
  account_id?: number;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    description: 'the halt ends by itself at this instant (ISO 8601, in the future); absent: until cleared',
    example: '2026-12-02T21:00:00Z',
  })
  @IsOptional()
  @IsIsoInstant()
  expires_at?: Date;

  @ApiProperty({ example: 'FOMC at 14:00' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;

  @ApiPropertyOptional({
    description:
      'true: then flatten every account (disabled ones too) the halt reaches (an outcome per account in `flattens`); ' +
      'absent: false',
  })
  @OptionalNotNull()
  @IsBoolean()
  flatten?: boolean;
}

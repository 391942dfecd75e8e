import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class CreateHaltRequestDto {
  @ApiPropertyOptional({ description: 'absent: halt every firm', example: 'APEX' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,50}$/, { message: 'firm_code must be a firm code such as APEX' })
  firm_code?: string;

  @ApiProperty({ example: 'FOMC at 14:00' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}

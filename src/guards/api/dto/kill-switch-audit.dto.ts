import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { AUDIT_ACTIONS, AuditAction } from '../../domain/kill-switch-audit';

export class KillSwitchAuditQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit: number = 100;
}

export class KillSwitchAuditEntryDto {
  @ApiProperty({ enum: AUDIT_ACTIONS }) action: AuditAction;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ description: 'The user, or the component (guard, flat-by, protection), that did it' })
  by: string;
  @ApiProperty() reason: string;
  @ApiProperty({ enum: ['global', 'firm', 'account'] }) scope: 'global' | 'firm' | 'account';
  @ApiProperty({ type: String, nullable: true }) firm_code: string | null;
  @ApiProperty({ type: Number, nullable: true }) account_id: number | null;
  @ApiProperty({ type: Number, nullable: true }) halt_id: number | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: "A halt's own end" })
  expires_at: string | null;
  @ApiProperty({ type: Number, nullable: true }) flatten_id: number | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "A flatten's cause: operator, guard, flat_by, halt",
  })
  cause: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "A flatten's outcome: RUNNING, FLAT, ALREADY_FLAT, DRY_RUN, FAILED",
  })
  outcome: string | null;
  @ApiProperty({ type: String, nullable: true }) error: string | null;
}

export class KillSwitchAuditResponseDto {
  @ApiProperty({ type: [KillSwitchAuditEntryDto], description: 'newest first' })
  items: KillSwitchAuditEntryDto[];
}

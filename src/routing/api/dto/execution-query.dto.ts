import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { TASK_OUTCOMES, TaskOutcome } from '../../../shared-kernel/seed-results';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Length, Matches, Max, Min } from 'class-validator';
import { IsIsoInstant } from '../../../platform/input/input.decorators';
import { PageQueryDto } from '../../../platform/http/page.query.dto';
import type { OrderStatus } from '../../application/ports/order-store.port';
import { ORDER_SORTS, OrderSort } from '../../application/ports/execution-read-model.port';
import type { TaskStatus } from '../../application/ports/execution-read-model.port';

export const TASK_STATUSES: TaskStatus[] = ['PENDING', 'PROCESSING', 'COMPLETED', 'FAILED'];
export const ORDER_STATUSES: OrderStatus[] = ['PENDING_SEND', 'SUCCESS', 'FAILED', 'RETRY', 'SKIPPED'];
const FIRM_CODE = /^[A-Za-z0-9_]{1,32}$/;
// Postgres text cannot hold NUL, and no trade id holds control characters (the webhook refuses them).
const PRINTABLE = /^\P{Cc}*$/u;
const printable = () => Matches(PRINTABLE, { message: 'trade_id must be printable characters' });

export class ListTasksQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: TASK_STATUSES }) @IsOptional() @IsIn(TASK_STATUSES) status?: TaskStatus;
  @ApiPropertyOptional() @IsOptional() @Length(1, 128) @printable() trade_id?: string;
  @ApiPropertyOptional({ example: 'APEX' })
  @IsOptional()
  @Matches(FIRM_CODE, { message: 'firm_code must be a firm code (letters, digits, underscore; up to 32)' })
  firm_code?: string;
  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    description: 'ISO 8601 (1970–9999; a date alone is its midnight UTC); tasks created at or after',
    example: '2025-11-22T00:00:00Z',
  })
  @IsOptional()
  @IsIsoInstant()
  since?: Date;
  @ApiPropertyOptional({ description: 'Only what concerns this trading account (id)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  account_id?: number;
  @ApiPropertyOptional({ enum: TASK_OUTCOMES }) @IsOptional() @IsIn(TASK_OUTCOMES) outcome?: TaskOutcome;
}

export class ListOrdersQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @Length(1, 128) @printable() trade_id?: string;
  @ApiPropertyOptional({ example: 'APEX' })
  @IsOptional()
  @Matches(FIRM_CODE, { message: 'firm_code must be a firm code (letters, digits, underscore; up to 32)' })
  firm_code?: string;
  @ApiPropertyOptional({ enum: ORDER_STATUSES }) @IsOptional() @IsIn(ORDER_STATUSES) status?: OrderStatus;
  @ApiPropertyOptional({ description: 'Only what concerns this trading account (id)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  account_id?: number;
  @ApiPropertyOptional({ enum: TASK_OUTCOMES, description: 'Orders of tasks with this outcome' })
  @IsOptional()
  @IsIn(TASK_OUTCOMES)
  outcome?: TaskOutcome;
  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  task_id?: number;
  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    description: 'ISO 8601; orders created at or after',
  })
  @IsOptional()
  @IsIsoInstant()
  since?: Date;
  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'ISO 8601; orders created before' })
  @IsOptional()
  @IsIsoInstant()
  until?: Date;
  @ApiPropertyOptional({
    enum: ORDER_SORTS,
    default: 'newest',
    description: 'failed_first: FAILED, then RETRY, then the rest, each newest first',
  })
  @IsOptional()
  @IsIn(ORDER_SORTS)
  sort: OrderSort = 'newest';
}

export class TaskIdParamsDto {
  @ApiProperty({ example: 42 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  id: number;
}

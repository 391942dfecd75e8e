import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import type { TaskOutcome } from '../../../shared-kernel/seed-results';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Length, Matches, Max, Min } from 'class-validator';
import { PageQueryDto } from '../../../platform/http/page.query.dto';
import type { OrderStatus } from '../../application/ports/order-store.port';
import { ORDER_SORTS, OrderSort } from '../../application/ports/execution-read-model.port';
import type { TaskStatus } from '../../application/ports/execution-read-model.port';
import { AccountIdFilter, BigIdFilter, FirmCodeFilter, InstantFilter, OutcomeFilter } from './query-filters';

export const TASK_STATUSES: TaskStatus[] = ['PENDING', 'PROCESSING', 'COMPLETED', 'FAILED'];
export const ORDER_STATUSES: OrderStatus[] = ['PENDING_SEND', 'SUCCESS', 'FAILED', 'RETRY', 'SKIPPED'];
// Postgres text cannot hold NUL, and no trade id holds control characters (the webhook refuses them).
const PRINTABLE = /^\P{Cc}*$/u;
const printable = () => Matches(PRINTABLE, { message: 'trade_id must be printable characters' });

export class ListTasksQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: TASK_STATUSES }) @IsOptional() @IsIn(TASK_STATUSES) status?: TaskStatus;
  @ApiPropertyOptional() @IsOptional() @Length(1, 128) @printable() trade_id?: string;
  @FirmCodeFilter()
  firm_code?: string;
  @InstantFilter(
    'ISO 8601 (1970–9999; a date alone is its midnight UTC); tasks created at or after',
    '2025-11-22T00:00:00Z',
  )
  since?: Date;
  @AccountIdFilter('Only what concerns this trading account (id)')
  account_id?: number;
  @OutcomeFilter() outcome?: TaskOutcome;
}

export class ListOrdersQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @Length(1, 128) @printable() trade_id?: string;
  @FirmCodeFilter()
  firm_code?: string;
  @ApiPropertyOptional({ enum: ORDER_STATUSES }) @IsOptional() @IsIn(ORDER_STATUSES) status?: OrderStatus;
  @AccountIdFilter('Only what concerns this trading account (id)')
  account_id?: number;
  @OutcomeFilter('Orders of tasks with this outcome')
  outcome?: TaskOutcome;
  @BigIdFilter()
  task_id?: number;
  @InstantFilter('ISO 8601; orders created at or after')
  since?: Date;
  @InstantFilter('ISO 8601; orders created before')
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

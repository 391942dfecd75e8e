import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { TASK_OUTCOMES, TaskOutcome } from '../../../shared-kernel/seed-results';
import type { TaskStatus } from '../../application/ports/execution-read-model.port';
import { ACCOUNT_DECISION_KINDS, AccountDecisionKind } from '../../domain/account-decisions';
import { TASK_STATUSES } from './execution-query.dto';
import { AccountIdFilter, BigIdFilter, FirmCodeFilter, InstantFilter, OutcomeFilter } from './query-filters';
import { OrderResponseDto } from './execution.response.dto';
import { TaskResultDto } from './task-result.dto';

// a ticker as TradingView sends it (NQ1!, CME_MINI:NQ1!, BRK.B); never a path (no `..`, no `//`)
const SYMBOL = /^(?!.*\.\.)(?!.*\/\/)[A-Za-z0-9_.!:/-]{1,64}$/;

export class SignalFeedQueryDto {
  @OutcomeFilter() outcome?: TaskOutcome;
  @ApiPropertyOptional({ enum: TASK_STATUSES }) @IsOptional() @IsIn(TASK_STATUSES) status?: TaskStatus;
  @AccountIdFilter('Only alerts that decided anything for this trading account (id)')
  account_id?: number;
  @FirmCodeFilter('Only alerts that targeted or were checked for this firm', true)
  firm_code?: string;
  @ApiPropertyOptional({ example: 'NQ', description: "The alert's symbol as routed (case-insensitive)" })
  @IsOptional()
  @Matches(SYMBOL, {
    message: 'symbol must be a symbol (letters, digits and . ! : / _ -; up to 64; no .. or //)',
  })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toUpperCase() : value))
  symbol?: string;
  @InstantFilter('ISO 8601; alerts received at or after', '2026-12-02T00:00:00Z')
  since?: Date;
  @InstantFilter('ISO 8601; alerts received before')
  until?: Date;
  @BigIdFilter('The cursor: alerts older than this task id (next_before_id of a page)')
  before_id?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit: number = 50;
}

export class AccountDecisionDto {
  @ApiProperty({ type: Number, nullable: true }) account_id: number | null;
  @ApiProperty({ type: String, nullable: true }) account_label: string | null;
  @ApiProperty() firm_code: string;
  @ApiProperty({
    enum: ACCOUNT_DECISION_KINDS,
    description:
      'REJECTED by a risk or sizing rule; ORDER_SENT/FAILED/RETRY: the order; SKIPPED (dry run, …)',
  })
  decision: AccountDecisionKind;
  @ApiProperty({ enum: ['risk', 'sizing', 'connector'], nullable: true }) stage:
    'risk' | 'sizing' | 'connector' | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Contracts sized for it' }) quantity:
    number | null;
  @ApiProperty({ type: String, nullable: true, description: 'The rule that refused it, or the error code' })
  rule: string | null;
  @ApiProperty({ type: String, nullable: true, description: "The rule's reason, or the platform's error" })
  reason: string | null;
  @ApiProperty({ type: String, nullable: true }) external_order_id: string | null;
}

export class SignalFeedItemDto {
  @ApiProperty() task_id: number;
  @ApiProperty() trade_id: string;
  @ApiProperty({ enum: ['entry', 'exit'] }) event_type: 'entry' | 'exit';
  @ApiProperty({ example: 'NQ' }) symbol: string;
  @ApiProperty({ enum: ['buy', 'sell'], nullable: true, description: 'null for an exit' }) side:
    'buy' | 'sell' | null;
  @ApiProperty({ type: Number, nullable: true, description: "The alert's quantity; null: sized" })
  quantity: number | null;
  @ApiProperty({ enum: TASK_STATUSES }) status: TaskStatus;
  @ApiProperty({ enum: TASK_OUTCOMES, nullable: true, description: 'null until routed' })
  outcome: TaskOutcome | null;
  @ApiProperty({ type: Boolean, nullable: true }) dry_run: boolean | null;
  @ApiProperty({ type: String, nullable: true, description: "The result's summary in words" }) details:
    string | null;
  @ApiProperty({ type: String, nullable: true }) last_error: string | null;
  @ApiProperty({ format: 'date-time' }) received_at: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completed_at: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    nullable: true,
    example: { targeted: 2, rejected: 1, success: 1, failed: 0, retry: 0, skipped: 0 },
  })
  account_counts: Record<string, number> | null;
  @ApiProperty({ type: [AccountDecisionDto], description: 'Per account what happened (empty until routed)' })
  accounts: AccountDecisionDto[];
}

export class SignalFeedResponseDto {
  @ApiProperty({ type: [SignalFeedItemDto] }) items: SignalFeedItemDto[];
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Pass as before_id for the next page; null: no more',
  })
  next_before_id: number | null;
}

export class SignalDetailResponseDto extends SignalFeedItemDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The alert as accepted and normalized (the secret is never stored)',
  })
  payload: Record<string, unknown>;
  @ApiProperty({
    type: TaskResultDto,
    nullable: true,
    description: "Each account's risk, sizing and connector results; null until routed",
  })
  result: TaskResultDto | null;
  @ApiProperty({ type: [OrderResponseDto], description: 'Its orders, newest first' })
  orders: OrderResponseDto[];
}

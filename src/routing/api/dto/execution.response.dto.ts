import { ApiProperty } from '@nestjs/swagger';
import { TASK_OUTCOMES, TaskOutcome } from '../../../shared-kernel/seed-results';
import type { OrderStatus } from '../../application/ports/order-store.port';
import type { TaskStatus } from '../../application/ports/execution-read-model.port';
import { ORDER_STATUSES, TASK_STATUSES } from './execution-query.dto';
import { TaskResultDto } from './task-result.dto';

export class TaskResponseDto {
  @ApiProperty() id: number;
  @ApiProperty() trade_id: string;
  @ApiProperty({ enum: ['entry', 'exit'] }) event_type: 'entry' | 'exit';
  @ApiProperty({ enum: TASK_STATUSES }) status: TaskStatus;
  @ApiProperty() attempts: number;
  @ApiProperty({ enum: TASK_OUTCOMES, nullable: true, description: 'null until the task completes' })
  outcome: TaskOutcome | null;
  @ApiProperty({ type: String, nullable: true }) last_error: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completed_at: string | null;
}

export class TaskListResponseDto {
  @ApiProperty() total: number;
  @ApiProperty({ type: [TaskResponseDto] }) items: TaskResponseDto[];
}

export class TaskDetailResponseDto extends TaskResponseDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The normalized signal (never the secret)',
  })
  payload: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) available_at: string;
  @ApiProperty({ type: String, nullable: true }) locked_by: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) locked_until: string | null;
  @ApiProperty({ type: TaskResultDto, nullable: true, description: 'null until the task completes' })
  result: TaskResultDto | null;
}

export class OrderResponseDto {
  @ApiProperty() id: number;
  @ApiProperty({ type: Number, nullable: true, description: "The signal's task; null for a flatten's order" })
  task_id: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'The account flatten that sent it (kill switch, guard, flat-by time); null for a signal',
  })
  flatten_id: number | null;
  @ApiProperty({ description: "The signal's trade id; `flatten-{flatten_id}` for a flatten's order" })
  trade_id: string;
  @ApiProperty({ enum: ['entry', 'exit'] }) event_type: 'entry' | 'exit';
  @ApiProperty() firm_code: string;
  @ApiProperty({ type: Number, nullable: true, description: 'null on orders recorded before accounts' })
  account_id: number | null;
  @ApiProperty({ type: String, nullable: true }) account_label: string | null;
  @ApiProperty({ type: Number, nullable: true }) program_id: number | null;
  @ApiProperty() client_order_id: string;
  @ApiProperty({ type: String, nullable: true }) external_order_id: string | null;
  @ApiProperty() symbol: string;
  @ApiProperty({ enum: ['BUY', 'SELL'] }) side: 'BUY' | 'SELL';
  @ApiProperty() quantity: number;
  @ApiProperty({ enum: ORDER_STATUSES }) status: OrderStatus;
  @ApiProperty({ type: String, nullable: true }) error_message: string | null;
  @ApiProperty({ nullable: true, description: 'What was sent (redacted)' }) raw_request: unknown;
  @ApiProperty({ nullable: true, description: 'What the platform answered (redacted)' })
  raw_response: unknown;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}

export class OrderListResponseDto {
  @ApiProperty() total: number;
  @ApiProperty({ type: [OrderResponseDto] }) items: OrderResponseDto[];
}

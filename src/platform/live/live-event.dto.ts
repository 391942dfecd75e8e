import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { TASK_OUTCOMES, TaskOutcome } from '../../shared-kernel/seed-results';
import { LIVE_EVENT_TYPES, LiveEventType } from './live-events';

/** The `data` of each event type (see LiveEventMessageDto). */
export class TaskReceivedEventDto {
  @ApiProperty() task_id: number;
  @ApiProperty() trade_id: string;
  @ApiProperty({ enum: ['entry', 'exit'] }) event_type: 'entry' | 'exit';
  @ApiProperty({ example: 'NQ' }) symbol: string;
  @ApiProperty({ enum: ['buy', 'sell'], nullable: true, description: 'null for an exit' }) side:
    'buy' | 'sell' | null;
}

export class TaskUpdatedEventDto {
  @ApiProperty() task_id: number;
  @ApiProperty() trade_id: string;
  @ApiProperty({ enum: ['PENDING', 'PROCESSING', 'COMPLETED', 'FAILED'] }) status: string;
  @ApiProperty({ enum: TASK_OUTCOMES, nullable: true }) outcome: TaskOutcome | null;
  @ApiProperty({ type: String, nullable: true }) error: string | null;
}

export class OrderUpdatedEventDto {
  @ApiProperty() client_order_id: string;
  @ApiProperty({ type: Number, nullable: true }) task_id: number | null;
  @ApiProperty({ type: Number, nullable: true }) account_id: number | null;
  @ApiProperty({ enum: ['PENDING_SEND', 'SUCCESS', 'FAILED', 'RETRY', 'SKIPPED'] }) status: string;
  @ApiProperty({ type: String, nullable: true }) external_order_id: string | null;
  @ApiProperty({ type: String, nullable: true }) error_message: string | null;
}

export class AccountUpdatedEventDto {
  @ApiProperty({ type: Number, nullable: true, description: 'null for a firm-level (env:) account state' })
  account_id: number | null;
  @ApiProperty({ enum: ['state', 'settings'], description: 'its synced/typed state, or its configuration' })
  change: 'state' | 'settings';
}

export class HaltEventDto {
  @ApiProperty() halt_id: number;
  @ApiProperty({ type: String, nullable: true, description: 'null: every firm' }) firm_code: string | null;
  @ApiProperty({ type: Number, nullable: true }) account_id: number | null;
  @ApiProperty() reason: string;
  @ApiProperty({
    description:
      'Who set it (halt.set) or cleared it (halt.cleared); who set it, for a halt that ended by itself',
  })
  by: string;
  @ApiPropertyOptional({ description: 'halt.cleared: true when the halt ended by itself at its expires_at' })
  expired?: boolean;
}

export class SyncStatusEventDto {
  @ApiProperty() connection_id: number;
  @ApiProperty({ enum: ['streaming', 'polling', 'down'] }) mode: 'streaming' | 'polling' | 'down';
  @ApiProperty({ type: String, nullable: true }) last_error: string | null;
}

export class WebhookRefusedEventDto {
  @ApiProperty({ example: 401 }) status: number;
  @ApiProperty() reason: string;
  @ApiProperty({ example: '/api/webhooks/tradingview' }) path: string;
}

export class ResyncEventDto {
  @ApiProperty({ description: 'Why: events were missed; read the pages afresh' }) reason: string;
  @ApiPropertyOptional() dropped?: number;
}

export const LIVE_EVENT_DATA = [
  TaskReceivedEventDto,
  TaskUpdatedEventDto,
  OrderUpdatedEventDto,
  AccountUpdatedEventDto,
  HaltEventDto,
  SyncStatusEventDto,
  WebhookRefusedEventDto,
  ResyncEventDto,
];

/**
 * One message of GET /api/events, as its `data:` line (JSON); the SSE `event:` line repeats `type` and the
 * `id:` line repeats `id`. Besides these, the stream sends `ready` first ({"resumed": bool}), `reset` when
 * a Last-Event-ID cannot be resumed ({"reason"}), and `: ping` comments.
 */
export class LiveEventMessageDto {
  @ApiProperty({ example: 'mbx2k9a1f3c-42', description: 'Send back as Last-Event-ID to resume' }) id: string;
  @ApiProperty({ enum: LIVE_EVENT_TYPES }) type: LiveEventType;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({
    description:
      'task.received: TaskReceivedEvent; task.updated: TaskUpdatedEvent; order.updated: OrderUpdatedEvent; ' +
      'account.updated: AccountUpdatedEvent; halt.set, halt.cleared: HaltEvent; sync.status: SyncStatusEvent; ' +
      'webhook.refused: WebhookRefusedEvent; resync: ResyncEvent',
    oneOf: LIVE_EVENT_DATA.map((c) => ({ $ref: getSchemaPath(c) })),
  })
  data: Record<string, unknown>;
}

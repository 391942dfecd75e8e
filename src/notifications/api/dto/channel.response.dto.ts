import { ApiProperty } from '@nestjs/swagger';
import { CHANNEL_TYPES } from '../../domain/channel-types';
import { NOTIFICATION_KINDS } from '../../domain/notification-event';

export class ChannelHealthDto {
  @ApiProperty({
    enum: ['ok', 'failing'],
    description: 'failing: the last NOTIFY_FAILING_AFTER attempts in a row failed',
  })
  status: string;
  @ApiProperty() consecutive_failures: number;
  @ApiProperty({ nullable: true, type: String, description: 'the last failure, never a secret' }) last_error:
    string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) last_success_at: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) last_failure_at: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'rate limited until' })
  paused_until: string | null;
}

export class DeliveryCountsDto {
  @ApiProperty() pending: number;
  @ApiProperty() sent: number;
  @ApiProperty({ description: 'given up after NOTIFY_MAX_ATTEMPTS' }) failed: number;
}

export class ChannelResponseDto {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
  @ApiProperty({ enum: CHANNEL_TYPES }) type: string;
  @ApiProperty() enabled: boolean;
  @ApiProperty({ type: 'object', additionalProperties: true }) settings: Record<string, unknown>;
  @ApiProperty({ description: 'the secrets are stored (encrypted); they are never shown' })
  secrets_set: boolean;
  @ApiProperty({
    type: [String],
    nullable: true,
    example: ['signing_secret', 'url'],
    description:
      'the names of the secrets stored (never a value); null when they cannot be opened under the current master key',
  })
  secret_fields_set: string[] | null;
  @ApiProperty({ type: [String], enum: NOTIFICATION_KINDS }) events: string[];
  @ApiProperty({ type: [Number], nullable: true }) account_ids: number[] | null;
  @ApiProperty({ type: ChannelHealthDto }) health: ChannelHealthDto;
  @ApiProperty({ type: DeliveryCountsDto }) deliveries: DeliveryCountsDto;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}

export class ChannelListResponseDto {
  @ApiProperty() total: number;
  @ApiProperty({ type: [ChannelResponseDto] }) items: ChannelResponseDto[];
}

export class ChannelTestResponseDto {
  @ApiProperty({ description: 'the service accepted the message' }) ok: boolean;
  @ApiProperty({ nullable: true, type: Number, description: 'the HTTP (or SMTP) status, when there was one' })
  status: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'why it failed, never a secret' }) error:
    string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'a rate limit asked to wait this long' })
  retry_after_ms: number | null;
  @ApiProperty({ type: ChannelResponseDto }) channel: ChannelResponseDto;
}

export class ChannelDeliveryDto {
  @ApiProperty() id: number;
  @ApiProperty({ description: 'the outbox event delivered' }) event_id: number;
  @ApiProperty({ enum: NOTIFICATION_KINDS }) kind: string;
  @ApiProperty({ nullable: true, type: Number, description: 'the trading account it concerns (null: none)' })
  account_id: number | null;
  @ApiProperty({ example: 'Order failed: apex-50k-1 (APEX)', description: "the message's title" })
  title: string;
  @ApiProperty({ enum: ['PENDING', 'SENT', 'FAILED'] }) status: string;
  @ApiProperty({ description: 'attempts made so far' }) attempts: number;
  @ApiProperty({ nullable: true, type: String, description: "the last attempt's error, never a secret" })
  last_error: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'date-time',
    description: 'PENDING: the next attempt',
  })
  next_attempt_at: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) sent_at: string | null;
  @ApiProperty({ format: 'date-time', description: 'when the event happened' }) occurred_at: string;
  @ApiProperty({ format: 'date-time' }) created_at: string;
}

export class ChannelDeliveryListResponseDto {
  @ApiProperty({ type: [ChannelDeliveryDto], description: 'newest first' }) items: ChannelDeliveryDto[];
}

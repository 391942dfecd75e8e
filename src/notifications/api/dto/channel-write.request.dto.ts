import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Allow } from 'class-validator';
import { CHANNEL_TYPES } from '../../domain/channel-types';
import { NOTIFICATION_KINDS } from '../../domain/notification-event';

/*
 * Write bodies. `@Allow()` whitelists each field (unknown fields are a 400) and leaves the checking to the
 * notifications domain, which reports every problem of a channel in one answer.
 */
export class CreateChannelRequestDto {
  @ApiProperty({
    type: String,
    example: 'my-phone',
    description: '1–100 characters, unique (case-insensitive)',
  })
  @Allow()
  name: unknown;
  @ApiProperty({ enum: CHANNEL_TYPES }) @Allow() type: unknown;
  @ApiPropertyOptional({ type: Boolean, default: true }) @Allow() enabled?: unknown;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description:
      'shown in answers. telegram: chat_id (required), api_base_url (default https://api.telegram.org); ' +
      'email: host, from, to (list) required, port (587; 465 with secure), secure (false: STARTTLS when offered), username; ' +
      'discord, slack, webhook: none. On PATCH a value replaces the field, null removes it.',
    example: { chat_id: '123456789' },
  })
  @Allow()
  settings?: unknown;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string', nullable: true },
    description:
      'write-only, encrypted at rest. telegram: bot_token; discord, slack: webhook_url; webhook: url, signing_secret (≥ 16 characters); ' +
      'email: password. A value replaces the field, null removes it, an absent field is kept.',
    example: { bot_token: '123456:ABC…' },
  })
  @Allow()
  secrets?: unknown;
  @ApiPropertyOptional({
    type: [String],
    enum: NOTIFICATION_KINDS,
    description: 'the events this channel gets; default: every kind but entry.rejected',
  })
  @Allow()
  events?: unknown;
  @ApiPropertyOptional({
    type: [Number],
    nullable: true,
    description:
      'only events of these trading accounts (events tied to no account still come); null: every account',
  })
  @Allow()
  account_ids?: unknown;
}

/** Every field optional; `enabled` without the create's default (a generated client would make it required). */
export class UpdateChannelRequestDto extends PartialType(
  OmitType(CreateChannelRequestDto, ['enabled'] as const),
) {
  @ApiPropertyOptional({ type: Boolean, description: 'absent: unchanged' }) @Allow() enabled?: unknown;
}

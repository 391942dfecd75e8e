import { ApiProperty } from '@nestjs/swagger';

export class SystemQueueDto {
  @ApiProperty({ description: 'Tasks waiting (PENDING)' }) pending: number;
  @ApiProperty({ description: 'How long the oldest has waited, in seconds (0: none)' })
  oldest_pending_seconds: number;
}

export class ConfigEntryDto {
  @ApiProperty({ example: 'ROUTER_POLL_INTERVAL_MS' }) name: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'null when unset (the default applies) or secret',
  })
  value: string | null;
  @ApiProperty() set: boolean;
  @ApiProperty({ description: 'A secret: only whether it is set is shown' }) secret: boolean;
}

export class SystemAccountsDto {
  @ApiProperty({ example: 3, description: 'Trading accounts configured' }) total: number;
  @ApiProperty({ example: 2, description: 'Of which enabled (routed to)' }) enabled: number;
}

export class SystemResponseDto {
  @ApiProperty({ example: '0.1.0' }) version: string;
  @ApiProperty({ enum: ['DRY_RUN', 'LIVE'] }) mode: 'DRY_RUN' | 'LIVE';
  @ApiProperty() router_enabled: boolean;
  @ApiProperty({ format: 'date-time' }) started_at: string;
  @ApiProperty() uptime_seconds: number;
  @ApiProperty({ example: 'v20.20.2' }) node_version: string;
  @ApiProperty({ type: SystemQueueDto }) queue: SystemQueueDto;
  @ApiProperty({ type: SystemAccountsDto }) accounts: SystemAccountsDto;
  @ApiProperty({
    type: [ConfigEntryDto],
    description:
      'How the service runs, never a secret; connector health, breakers and sync: GET /api/connectors/status, GET /api/sync/status',
  })
  config: ConfigEntryDto[];
}

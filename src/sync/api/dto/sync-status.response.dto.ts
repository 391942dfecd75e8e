import { ApiProperty } from '@nestjs/swagger';

export class ConnectionSyncDto {
  @ApiProperty() connection_id: number;
  @ApiProperty({ enum: ['streaming', 'polling', 'down'] }) mode: 'streaming' | 'polling' | 'down';
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'the process keeping it in sync, while its lease runs',
  })
  holder: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lease_until: string | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'the platform last answered',
  })
  last_event_at: string | null;
  @ApiProperty({ type: String, nullable: true }) last_error: string | null;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}

export class ConnectionSyncListDto {
  @ApiProperty() total: number;
  @ApiProperty({ type: [ConnectionSyncDto] }) items: ConnectionSyncDto[];
}

import { ApiProperty } from '@nestjs/swagger';

export class FirmConnectorStatusResponseDto {
  @ApiProperty({ example: 'APEX' }) firm_code: string;
  @ApiProperty({ enum: ['rest', 'tradovate', 'projectx'], description: 'rest when {FIRM}_PLATFORM is unset' })
  platform: 'rest' | 'tradovate' | 'projectx';
  @ApiProperty({ description: '{FIRM}_ENABLED' }) enabled: boolean;
  @ApiProperty({ description: 'true when nothing is missing: orders can be sent' }) configured: boolean;
  @ApiProperty({
    type: [String],
    example: ['APEX_API_KEY'],
    description: 'names of missing or malformed settings, never their values',
  })
  missing: string[];

  @ApiProperty({
    enum: ['closed', 'open', 'half_open', 'isolated'],
    description:
      'circuit breaker: open = calls fail fast after consecutive platform failures, until it half-opens',
  })
  circuit: 'closed' | 'open' | 'half_open' | 'isolated';
}

export class ConnectorStatusListResponseDto {
  @ApiProperty() total: number;
  @ApiProperty({ type: [FirmConnectorStatusResponseDto] }) items: FirmConnectorStatusResponseDto[];
}

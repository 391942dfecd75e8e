import { ApiProperty } from '@nestjs/swagger';

export class ConnectionRateLimitResponseDto {
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'requests that could be sent now under the tightest published limit; null: no limit published',
  })
  tokens: number | null;
  @ApiProperty({ description: 'requests waiting for a token (they wait, never fail for it)' }) queued: number;
}

export class ConnectionStatusResponseDto {
  @ApiProperty({ example: 3 }) connection_id: number;
  @ApiProperty({ example: 'apex-main' }) name: string;
  @ApiProperty({ enum: ['rest', 'tradovate', 'projectx', 'paper'], nullable: true, type: String })
  platform: 'rest' | 'tradovate' | 'projectx' | 'paper' | null;
  @ApiProperty({ enum: ['api', 'env'], description: "env: the seed's {FIRM}_* variables (read-only)" })
  source: 'api' | 'env';
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

  @ApiProperty({ type: ConnectionRateLimitResponseDto }) rate_limit: ConnectionRateLimitResponseDto;
  @ApiProperty({ description: "calls in flight in this connection's lane (at most 16)" }) in_flight: number;
  @ApiProperty({ description: 'calls waiting for a slot in the lane' }) waiting: number;
}

export class ConnectorStatusListResponseDto {
  @ApiProperty() total: number;
  @ApiProperty({ type: [ConnectionStatusResponseDto] }) items: ConnectionStatusResponseDto[];
}

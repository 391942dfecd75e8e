import { ApiProperty } from '@nestjs/swagger';

export class PositionResponseDto {
  @ApiProperty({ description: "the platform's symbol (a manual state: the root)", example: 'NQZ5' })
  symbol: string;
  @ApiProperty({ description: 'signed: positive long, negative short', example: 2 }) net_quantity: number;
  @ApiProperty({ nullable: true, type: Number, example: 21500.25 }) avg_price: number | null;
}

export class AccountStateResponseDto {
  @ApiProperty({ example: 'APEX' }) firm_code: string;
  @ApiProperty({ example: 4 }) program_id: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 12,
    description:
      'the trading account whose own state this is (`/api/accounts/{id}/state`); null for the firm-level ' +
      'state of firm × program (`/api/risk/accounts/{firm_code}/{program_id}`, used by the `env:{FIRM}` accounts)',
  })
  account_id: number | null;
  @ApiProperty({ example: 50250.5 }) balance: number;
  @ApiProperty({ example: 50000 }) start_of_day_balance: number;
  @ApiProperty({ example: 250.5 }) realized_pnl_today: number;
  @ApiProperty({ example: -120 }) open_pnl: number;
  @ApiProperty({ description: 'highest end-of-day balance', example: 50000 }) high_water_mark_eod: number;
  @ApiProperty({ description: 'highest equity seen', example: 50400 }) high_water_mark_intraday: number;
  @ApiProperty({
    description: 'signed total of the positions: positive long, negative short',
    example: 2,
  })
  open_contracts: number;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'average price of the open position when exactly one is open',
    example: 21500.25,
  })
  avg_price: number | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'root of the open position when exactly one is open',
    example: 'NQ',
  })
  position_symbol: string | null;
  @ApiProperty({ type: [PositionResponseDto], description: 'open positions per symbol' })
  positions: PositionResponseDto[];
  @ApiProperty({
    enum: ['manual', 'platform'],
    description:
      '`platform`: read from the platform by sync; `manual`: typed in (PUT, POST …/fills), never stale',
    example: 'platform',
  })
  source: 'manual' | 'platform';
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description:
      'when the platform last confirmed this state (the instant of its read); null for a manual state. An ' +
      'entry on a platform state not confirmed within SYNC_STALE_MS is rejected (ACCOUNT_STATE_STALE)',
  })
  confirmed_at: string | null;
  @ApiProperty({ format: 'date', example: '2026-03-09' }) trading_day: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}

export class AccountStateListResponseDto {
  @ApiProperty() total: number;
  @ApiProperty({ type: [AccountStateResponseDto] }) items: AccountStateResponseDto[];
}

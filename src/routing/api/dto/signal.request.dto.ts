import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

class StopLossAliasDto {
  @ApiProperty({ example: 21490.25 }) stopPrice: number;
}

class TakeProfitAliasDto {
  @ApiProperty({ example: 21530 }) limitPrice: number;
}

/**
 * The webhook body, for the OpenAPI document. The handler validates it by hand (every problem listed)
 * because TradingView may send it as text/plain and numbers as strings.
 */
export class SignalRequestDto {
  @ApiPropertyOptional({ description: 'Or the X-Webhook-Secret header. Never stored.' }) secret?: string;
  @ApiPropertyOptional({
    description:
      'The trade: an exit closes what its entry opened (the most recent open trade of a reused id). With event_type (and time), the key a repeat within ALERT_DEDUPE_WINDOW_S is caught by; generated when absent (the alert is then keyed by its content)',
    maxLength: 128,
  })
  trade_id?: string;
  @ApiPropertyOptional({
    example: '2026-12-02T22:00:01Z',
    description:
      "The alert's own time (e.g. TradingView's {{timenow}}), text or a number: alerts of one trade_id with different times are different alerts",
    maxLength: 64,
  })
  time?: string;
  @ApiPropertyOptional({ description: 'Alias of time (one of them)', maxLength: 64 }) timenow?: string;
  @ApiPropertyOptional({
    enum: ['entry', 'exit'],
    description: 'Any case; default entry (exit for action exit|close)',
  })
  event_type?: string;
  @ApiPropertyOptional({ example: 'NQ1!', description: 'Required (or ticker)' }) symbol?: string;
  @ApiPropertyOptional({ description: 'Alias of symbol' }) ticker?: string;
  @ApiPropertyOptional({ enum: ['buy', 'sell'], description: 'Required for an entry (or action)' })
  side?: string;
  @ApiPropertyOptional({
    enum: ['buy', 'sell', 'exit', 'close'],
    description: 'buy|sell = side; exit|close = an exit',
  })
  action?: string;
  @ApiPropertyOptional({ description: 'Positive integer; absent = sized per program', example: 2 })
  quantity?: number | string;
  @ApiPropertyOptional({ enum: ['market', 'limit', 'stop'], default: 'market' }) order_type?: string;
  @ApiPropertyOptional({ example: 21500.25, description: 'Number or numeric string (or price)' })
  entry_price?: number | string;
  @ApiPropertyOptional({ description: 'Alias of entry_price' }) price?: number | string;
  @ApiPropertyOptional({ example: 21490.25 }) stop_loss?: number | string;
  @ApiPropertyOptional({ type: StopLossAliasDto, description: 'Alias of stop_loss' })
  stopLoss?: StopLossAliasDto;
  @ApiPropertyOptional({ example: 21530 }) take_profit?: number | string;
  @ApiPropertyOptional({ type: TakeProfitAliasDto, description: 'Alias of take_profit' })
  takeProfit?: TakeProfitAliasDto;
  @ApiPropertyOptional({ example: 0.01, description: 'Fraction of the account (0.01 = 1 %)' })
  risk_percent?: number | string;
  @ApiPropertyOptional({
    type: [String],
    example: ['APEX'],
    description: 'Or "APEX,FTMO"; absent = every enabled firm',
  })
  firm_codes?: string[] | string;
  @ApiPropertyOptional({ type: [Number], example: [4], description: 'Or "4,5"' }) program_ids?:
    number[] | string;
  @ApiPropertyOptional({ example: 'NY AM' }) session?: string;
  @ApiPropertyOptional({ example: 'Bullish' }) bias?: string;
}

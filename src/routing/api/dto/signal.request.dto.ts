import { ApiPropertyOptional } from '@nestjs/swagger';

class StopLossAliasDto {
  @ApiPropertyOptional({
    enum: ['stop', 'trailing_stop'],
    default: 'stop',
    description: 'stop_limit is a 400',
  })
  type?: string;
  @ApiPropertyOptional({ example: 21490.25, description: 'A price; or one relative unit below' })
  stopPrice?: number;
  @ApiPropertyOptional({
    description:
      'Points from the entry (TradersPost); or points, ticks, percent, pnlAmount (dollars for the position), dollars (per contract)',
  })
  amount?: number;
  @ApiPropertyOptional({ description: 'type trailing_stop: the trailing distance in points' })
  trailAmount?: number;
  @ApiPropertyOptional({ description: 'type trailing_stop: the distance as a percent of the entry' })
  trailPercent?: number;
}

class TakeProfitAliasDto {
  @ApiPropertyOptional({ example: 21530, description: 'A price; or amount, points, ticks, percent' })
  limitPrice?: number;
}

/**
 * The webhook body, for the OpenAPI document (README "Alert semantics" and "Alert templates": TradersPost's
 * and PickMyTrade's fields too, and CrossTrade's key=value; text as text/plain). The handler validates it by
 * hand (every problem listed) because TradingView may send it as text/plain and numbers as strings.
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
    enum: ['buy', 'sell', 'exit', 'close', 'cancel', 'add'],
    description: 'Or data (PickMyTrade); with sentiment, README "Alert semantics"',
  })
  action?: string;
  @ApiPropertyOptional({ description: 'Positive integer; absent = sized per program', example: 2 })
  quantity?: number | string;
  @ApiPropertyOptional({ description: 'Aliases of quantity (one of them)' }) contracts?: number | string;
  @ApiPropertyOptional({ enum: ['market', 'limit', 'stop'], default: 'market', description: 'Or orderType' })
  order_type?: string;
  @ApiPropertyOptional({ description: "A limit order's price (TradersPost; or limit_price)" })
  limitPrice?: number | string;
  @ApiPropertyOptional({ description: "A stop order's trigger (TradersPost; or stop_price)" })
  stopPrice?: number | string;
  @ApiPropertyOptional({ description: 'Alias of price (TradersPost)' }) signalPrice?: number | string;
  @ApiPropertyOptional({
    example: 8,
    description: 'Move the stop loss to the entry once this many ticks in profit (Tradovate accounts only)',
  })
  break_even_ticks?: number | string;
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

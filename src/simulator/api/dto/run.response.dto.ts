import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CappedDto, FlatByDto, SkippedDto } from './verdict-lists.dto';

const money = (description: string) => ({ type: Number, description });
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Swagger's options type, built for nullable fields
const nullable = (type: unknown, description?: string): any => ({ type, nullable: true, description });

export class FailureDto {
  @ApiProperty({
    example: 'MAX_LOSS_LIMIT',
    description: 'the live rule that denied: MAX_LOSS_LIMIT, DAILY_LOSS_LIMIT, PER_TRADE_LOSS_LIMIT',
  })
  rule: string;
  @ApiProperty({ description: "the rule's own reason" }) reason: string;
  @ApiProperty({ example: '2026-03-03' }) trading_day: string;
  @ApiProperty({
    format: 'date-time',
    description: "the breach: the fill, or the trade's exit when it came from its worst open loss",
  })
  at: string;
  @ApiProperty({
    description: "true when the breach came from the trade's worst open loss, inside the trade",
  })
  intra_trade: boolean;
  @ApiProperty({ description: 'the trade it happened in (trade 12, row 7, item 3, fill …)' }) trade: string;
  @ApiProperty(money('equity at the breach')) equity: number;
  @ApiProperty(
    money(
      'the level reached: the drawdown floor, the daily-loss line (equity), or the per-trade limit (a loss)',
    ),
  )
  limit: number;
}

export class ClosestApproachDto {
  @ApiProperty(money('the least room left before the limit (≤ 0: reached)')) room: number;
  @ApiProperty(
    money("the limit's size (daily: that day's amount; drawdown: the max loss; per-trade: the limit)"),
  )
  limit: number;
  @ApiProperty() trading_day: string;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class ContractsUsedDto {
  @ApiProperty({ description: 'the largest quantity traded' }) used: number;
  @ApiProperty(nullable(Number, "the program's contract limit (last day's tier)")) limit: number | null;
}

export class ClosestDto {
  @ApiProperty(nullable(ClosestApproachDto)) daily_loss: ClosestApproachDto | null;
  @ApiProperty(nullable(ClosestApproachDto)) drawdown: ClosestApproachDto | null;
  @ApiProperty(nullable(ClosestApproachDto)) per_trade: ClosestApproachDto | null;
  @ApiProperty(nullable(ContractsUsedDto)) contracts: ContractsUsedDto | null;
}

export class DayDto {
  @ApiProperty() trading_day: string;
  @ApiProperty(money('realized P&L of the day')) pnl: number;
  @ApiPropertyOptional(nullable(Number, 'the daily loss limit that day')) daily_limit?: number | null;
}

export class ConsistencyDto {
  @ApiProperty(nullable(Number, 'best day ÷ total profit')) ratio: number | null;
  @ApiProperty(nullable(Number, "the program's cap (0.5 = 50 %) where it applies in the phase"))
  max_day_fraction: number | null;
  @ApiProperty({ description: 'days the target was reached but consistency blocked the pass' })
  blocked_pass_days: number;
}

export class PauseDto {
  @ApiProperty() trading_day: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty(money('the day ends at −limit')) daily_pnl: number;
  @ApiProperty(money('the soft daily loss limit')) limit: number;
}

export class VerdictSizingDto {
  @ApiProperty({ enum: ['as_traded', 'multiplier', 'risk'] }) mode: string;
  @ApiProperty(nullable(Number, 'the risk fraction replayed')) risk_percent: number | null;
  @ApiProperty(nullable(Number)) min_quantity: number | null;
  @ApiProperty(nullable(Number)) max_quantity: number | null;
}

export class CurvePointDto {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty() trading_day: string;
  @ApiProperty(money('equity after the trade')) equity: number;
  @ApiProperty(money("the lowest equity since the previous point (the trade's worst open loss)")) low: number;
  @ApiProperty(nullable(Number, 'the drawdown floor')) floor: number | null;
  @ApiProperty(nullable(Number, 'the daily-loss line: the equity at which today reaches the daily limit'))
  daily_loss_line: number | null;
}

export class VerdictDto {
  @ApiProperty() program_id: number;
  @ApiProperty() firm_code: string;
  @ApiProperty() program_name: string;
  @ApiProperty() account_size: number;
  @ApiProperty({ enum: ['PASSED', 'FAILED', 'NOT_YET'] }) status: string;
  @ApiProperty(nullable(String, 'PASSED: the trading day')) passed_on: string | null;
  @ApiProperty(nullable(FailureDto, 'FAILED: the first breach')) failure: FailureDto | null;
  @ApiProperty({ type: [String], description: 'NOT_YET: why not passed yet' }) not_yet: string[];
  @ApiProperty() days_traded: number;
  @ApiProperty(nullable(Number)) min_trading_days: number | null;
  @ApiProperty() trades_replayed: number;
  @ApiProperty(money('balance − account size at the end')) profit: number;
  @ApiProperty(nullable(Number)) profit_target: number | null;
  @ApiProperty(nullable(Number, 'how much of the max loss the deepest point used (%)'))
  max_drawdown_used_percent: number | null;
  @ApiProperty(nullable(DayDto)) worst_day: DayDto | null;
  @ApiProperty(nullable(DayDto)) best_day: DayDto | null;
  @ApiProperty({ type: ConsistencyDto }) consistency: ConsistencyDto;
  @ApiProperty({ type: ClosestDto, description: 'closest approach to each limit' }) closest: ClosestDto;
  @ApiProperty({ type: [PauseDto], description: 'soft daily loss: days paused' }) pauses: PauseDto[];
  @ApiProperty({ type: SkippedDto, description: 'entries the live gate would have refused' })
  skipped: SkippedDto;
  @ApiProperty(
    nullable(
      CappedDto,
      "risk sizing: entries the live gate sized down to fit a room (size to fit); null when the quantities are the trader's (as traded, multiplier: validated, never changed)",
    ),
  )
  capped: CappedDto | null;
  @ApiProperty(nullable(FlatByDto, 'the firm has no flat-by time: null')) flat_by: FlatByDto | null;
  @ApiProperty({ type: VerdictSizingDto }) sizing: VerdictSizingDto;
  @ApiProperty({
    ...nullable([CurvePointDto]),
    description: 'per trade (per trading day above 2,000 trades)',
  } as never)
  curve: CurvePointDto[] | null;
}

export class NextStepDto {
  @ApiProperty() risk_percent: number;
  @ApiProperty({ enum: ['PASSED', 'FAILED', 'NOT_YET'] }) status: string;
  @ApiProperty(nullable(String)) rule: string | null;
}

export class RiskSearchResultDto {
  @ApiProperty() program_id: number;
  @ApiProperty(nullable(Number, 'the highest risk fraction whose re-sized replay passes')) highest_passing:
    number | null;
  @ApiProperty() step: number;
  @ApiProperty(nullable(NextStepDto, 'the verdict one step above (the step that fails)'))
  next_step: NextStepDto | null;
  @ApiProperty({ description: 'replays run for this program' }) replays: number;
  @ApiProperty(nullable(String)) note: string | null;
}

export class ReportSizingDto {
  @ApiProperty({ enum: ['as_traded', 'multiplier', 'risk'] }) mode: string;
  @ApiPropertyOptional() multiplier?: string;
  @ApiPropertyOptional({ description: 'fraction, as text' }) risk_percent?: string;
  @ApiPropertyOptional(nullable(String)) stop_points?: string | null;
}

export class ReportDto {
  @ApiProperty() trades: number;
  @ApiProperty({ format: 'date-time' }) first_entry_at: string;
  @ApiProperty({ format: 'date-time' }) last_exit_at: string;
  @ApiProperty({ type: ReportSizingDto }) sizing: ReportSizingDto;
  @ApiProperty({ enum: ['evaluation', 'funded', 'live'] }) phase: string;
  @ApiProperty({ description: 'calendar events the news blackout used' }) news_events: number;
  @ApiProperty({ type: [VerdictDto] }) verdicts: VerdictDto[];
  @ApiProperty({ ...nullable([RiskSearchResultDto]) } as never) search: RiskSearchResultDto[] | null;
  @ApiProperty({ description: 'wall time of the replay and search, ms' }) duration_ms: number;
}

export class RunSummaryDto {
  @ApiProperty() id: number;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty() created_by: string;
  @ApiProperty({ enum: ['tradingview', 'csv', 'json', 'proprouter'] }) format: string;
  @ApiProperty() trades: number;
  @ApiProperty() programs: number;
  @ApiProperty() passed: number;
  @ApiProperty() failed: number;
  @ApiProperty() not_yet: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'what the run was asked (no file content)',
  })
  parameters: Record<string, unknown>;
}

export class RunResponseDto extends RunSummaryDto {
  @ApiProperty({ type: ReportDto }) report: ReportDto;
}

export class RunListResponseDto {
  @ApiProperty() total: number;
  @ApiProperty({ type: [RunSummaryDto] }) items: RunSummaryDto[];
}

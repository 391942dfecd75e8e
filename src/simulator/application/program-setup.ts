import type Decimal from 'decimal.js';
import type { AccountPhase } from '../../shared-kernel/account-phase';
import type { ProgramRecord } from '../../registry/application/ports/program-catalog.port';
import type {
  DailyLossLimit,
  EconomicEvent,
  ProgramLimits,
} from '../../risk/application/ports/rule-book.port';
import type { FlatByMarks, TradeDays, TradeMoney, TradeStops } from './prepared-trade';
import type { ScaledMoney } from './scaled-money';

/** A sizing refusal: the trade is not sent on this program. */
export interface Refusal {
  rule: string;
  reason: string;
}

/** Everything one program's replay reads; the trade arrays are index-aligned with `trades`. */
export interface ProgramSetup {
  record: ProgramRecord;
  limits: ProgramLimits;
  daily: DailyLossLimit | null;
  /** Soft daily loss (Topstep, Tradeify): liquidate and pause the day; hard or unstated: fail. */
  softDaily: boolean;
  phase: AccountPhase;
  days: TradeDays;
  /** FLAT_BY denial per entry and the flat-by each trade is held past; null when the firm has no flat-by time. */
  flatBy: FlatByMarks | null;
  money: TradeMoney[];
  /** The same money in units (the replay's fast path); null when it does not fit in them. */
  scaled: ScaledMoney | null;
  pointValue: Decimal | null;
  /** The program's point value of each symbol of the trades (the gate values each entry's stop-out with it). */
  pointValues: ReadonlyMap<string, Decimal>;
  /** Each entry's stop, for the gate's loss rooms (and size to fit). */
  stops: TradeStops;
  micro: boolean;
  events: readonly EconomicEvent[];
  /**
   * Whether the gate's entry rules can refuse (or size down) anything here: news, consistency, contracts, or a
   * stop (risk percent, per-trade, the daily-loss and drawdown rooms against its stop-out).
   */
  entryRules: boolean;
  sizing: { mode: string; riskPercent: number | null };
  curve: boolean;
}

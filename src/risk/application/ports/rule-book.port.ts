import type Decimal from 'decimal.js';
import type { AccountPhase } from '../../../shared-kernel/account-phase';
import type { FirmRecord, ProgramRecord } from '../../../registry/application/ports/program-catalog.port';
import type { AccountState } from '../../domain/account-state';
import type { EconomicEvent } from '../../domain/economic-event';
import type { FlatBySchedule, FlatBySession } from '../../domain/flat-by';
import type { ProgramLimits } from '../../domain/program-limits';
import type { RuleOutcome } from '../../domain/risk-denial';
import type { DailyLossLimit } from '../../domain/rules/daily-loss.rule';
import type { DrawdownFloor } from '../../domain/drawdown';
import type { FittedEntry, SizeToFit } from '../../domain/entry-fit';
import type { TradingDayPolicy } from '../../domain/trading-day';

export type {
  AccountState,
  DailyLossLimit,
  DrawdownFloor,
  EconomicEvent,
  FittedEntry,
  FlatBySchedule,
  FlatBySession,
  ProgramLimits,
  RuleOutcome,
  SizeToFit,
  TradingDayPolicy,
};

/** A firm's clock as the rules see it: its trading-day boundary and its flat-by schedule (null without one). */
export interface FirmClock {
  policy: TradingDayPolicy;
  flatBy: FlatBySchedule | null;
}

/** The room left before the daily loss limit, as the gate's daily-loss rule measures it. */
export interface DailyRoom {
  dailyPnl: Decimal;
  amount: Decimal;
  headroom: Decimal;
}

/** The room above the drawdown floor, as the gate's max-loss rule measures it. */
export interface DrawdownRoom {
  dd: DrawdownFloor;
  equity: Decimal;
  headroom: Decimal;
}

/** What an entry is, for the gate's entry rules a replay applies (flat-by is asked separately: firmSession). */
export interface EntryProbe {
  program: ProgramLimits;
  state: AccountState;
  phase: AccountPhase | null;
  symbol: string;
  side: 'buy' | 'sell';
  quantity: number;
  entryPrice: Decimal | null;
  stopLoss: Decimal | null;
  pointValue: Decimal | null;
  /** The order's contract is a micro (for a program that counts micros 1/N of a mini). */
  micro: boolean;
  now: Date;
  events: readonly EconomicEvent[];
}

/** The gate's answer to an entry: its denial, or its approval at a smaller quantity (size to fit), or neither. */
export interface EntryDecision {
  denial: RuleOutcome;
  /** Approved at `fitted.quantity` (< the quantity asked): the rule that capped it, `details.capped_from`. */
  fitted: FittedEntry | null;
}

/**
 * The risk context's rule functions for callers outside it that replay an account (the simulator): each
 * method hands over to the very function the live gate (`evaluateOrder`), the account state (`rollTo`) and
 * the guards' room (`accountRoom`) use — no copy of a rule lives outside `risk/domain`. Pure and synchronous.
 */
export abstract class RuleBook {
  /** The registry's program as the rules' limits (what the gate maps it with). */
  abstract limitsOf(program: ProgramRecord): ProgramLimits;
  /** The firm's trading day (its registry `trading_day`, else the service's default) and flat-by schedule. */
  abstract clockOf(firm: Pick<FirmRecord, 'tradingDay' | 'flatBy'> | null): FirmClock;
  /** The trading day an instant belongs to, and the instant that day ends. */
  abstract tradingDayOf(instant: Date, policy: TradingDayPolicy): { day: string; endsAt: Date };
  /** Whether entries are open at `now` under a flat-by schedule, and until when either way. */
  abstract session(now: Date, schedule: FlatBySchedule): FlatBySession;
  /** The FLAT_BY denial of an entry at `now` (null when open). */
  abstract checkFlatBy(schedule: FlatBySchedule, now: Date): RuleOutcome;
  /** A program's account before anything was traded. */
  abstract freshAccount(program: ProgramLimits, tradingDay: string, now: Date): AccountState;
  /** The state on a later trading day: today's P&L reset, the end-of-day mark taken. */
  abstract rollTo(state: AccountState, tradingDay: string): AccountState;
  /** The daily loss limit the gate uses for the program (no firm env limit: the program's own). */
  abstract dailyLimit(program: ProgramLimits): DailyLossLimit | null;
  abstract dailyRoom(limit: DailyLossLimit, state: AccountState): DailyRoom;
  /** Null when the program has no maximum loss. */
  abstract drawdownRoom(program: ProgramLimits, state: AccountState): DrawdownRoom | null;
  /** The gate's daily-loss rule (7) on a state, no order: its denial once the limit is reached. */
  abstract checkDailyLoss(limit: DailyLossLimit, state: AccountState, programId: number): RuleOutcome;
  /** The gate's max-loss rule (8) on a state, no order: its denial once equity is at or below the floor. */
  abstract checkMaxLoss(program: ProgramLimits, state: AccountState): RuleOutcome;
  /** The per-trade loss limit's denial of a trade that lost (or risked) `worstCase`; null within it. */
  abstract checkPerTradeLoss(program: ProgramLimits, worstCase: Decimal | null): RuleOutcome;
  /** The program's contract limit on the state's day (scaling tiers by the prior end-of-day balance). */
  abstract contractLimit(program: ProgramLimits, state: AccountState): number | null;
  /**
   * The live gate's decision on an entry (`evaluateWithFit`, what `RiskGate.check` runs): every entry rule in
   * the gate's order — news blackout, consistency cap, contract limit (scaling tier by the prior end-of-day
   * balance), risk percent, per-trade loss, then the daily-loss and drawdown rooms against the order's stop-out
   * (with a stop) — on the program's own limits (no firm env rules, no halts; flat-by is asked separately:
   * session). With `fit` (a quantity sizing computed) a quantity whose stop-out or size crosses a room is sized
   * down to the largest whole quantity that fits, no fewer than `fit.minQuantity`; without it (a quantity the
   * trader gave) the quantity is validated, never changed.
   */
  abstract gateEntry(probe: EntryProbe, fit: SizeToFit | null): EntryDecision;
  /** Realized P&L of a round trip, netted as the account state nets fills (exact). */
  abstract roundTrip(
    fills: readonly { side: 'buy' | 'sell'; quantity: number; price: Decimal }[],
    pointValue: Decimal,
  ): { realized: Decimal; worstOpen: Decimal; bestOpen: Decimal; maxQuantity: number; flat: boolean };
}

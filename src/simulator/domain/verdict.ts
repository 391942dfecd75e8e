/** A program's outcome over the replayed trades. */
export type VerdictStatus = 'PASSED' | 'FAILED' | 'NOT_YET';

/** Where and why a program failed: the first breach, at the instant it happened. */
export interface Failure {
  rule: string;
  reason: string;
  tradingDay: string;
  /** ISO instant: the fill (or, for a worst open loss inside a trade, the trade's exit: the latest it can be). */
  at: string;
  /** True when the breach came from the trade's worst open loss (between its entry and exit), not a fill. */
  intraTrade: boolean;
  trade: string;
  equity: number;
  /** The level equity reached: the drawdown floor, the daily loss line (start-of-day balance − limit), … */
  limit: number;
}

/** The least room left before one limit over the replay, and when. */
export interface ClosestApproach {
  /** Room left at its least (≤ 0: reached). */
  room: number;
  /** The limit's size (daily: the amount that day; drawdown: the max loss; per-trade: the limit). */
  limit: number;
  tradingDay: string;
  at: string;
}

/** A soft daily loss limit reached: the firm liquidates and the day stops, without failing the account. */
export interface DayPause {
  tradingDay: string;
  at: string;
  dailyPnl: number;
  limit: number;
}

/** An entry the live gate would have refused (the trade is not replayed on this program). */
export interface SkippedTrade {
  trade: string;
  at: string;
  rule: string;
  reason: string;
}

/** An entry the live gate sized down to fit (size to fit): the quantity sizing computed and the one it took. */
export interface CappedTrade {
  trade: string;
  at: string;
  from: number;
  to: number;
  /** The rule whose room set the quantity (MAX_POSITION_SIZE, DAILY_LOSS_LIMIT, MAX_LOSS_LIMIT, …). */
  rule: string;
}

/** A trade still open after the firm's flat-by time of the session it was entered in (the firm flattens then). */
export interface FlatByViolation {
  trade: string;
  flatByAt: string;
  exitAt: string;
}

/** One point of a program's equity curve with the lines it is drawn against (null: no such limit). */
export interface CurvePoint {
  at: string;
  tradingDay: string;
  equity: number;
  /** The lowest equity since the previous point (a trade's worst open loss). */
  low: number;
  floor: number | null;
  dailyLossLine: number | null;
}

export interface ProgramVerdict {
  programId: number;
  firmCode: string;
  programName: string;
  accountSize: number;
  status: VerdictStatus;
  /** PASSED: the trading day it passed on. */
  passedOn: string | null;
  failure: Failure | null;
  /** Why a NOT_YET is not a pass yet (target not reached, too few days, consistency). */
  notYet: string[];
  daysTraded: number;
  minTradingDays: number | null;
  tradesReplayed: number;
  profit: number;
  profitTarget: number | null;
  /** Of the max loss: how much of it the deepest point used (0–100+). */
  maxDrawdownUsedPercent: number | null;
  worstDay: { tradingDay: string; pnl: number; dailyLimit: number | null } | null;
  bestDay: { tradingDay: string; pnl: number } | null;
  /** Best day ÷ total profit (null without a profit); the program's cap beside it. */
  consistency: { ratio: number | null; maxDayFraction: number | null; blockedPassDays: number };
  closest: {
    dailyLoss: ClosestApproach | null;
    drawdown: ClosestApproach | null;
    perTrade: ClosestApproach | null;
    contracts: { used: number; limit: number | null } | null;
  };
  pauses: DayPause[];
  skipped: { count: number; byRule: Record<string, number>; first: SkippedTrade[] };
  /**
   * Re-sized (risk) runs: entries the gate sized down to fit a room, counted by rule, the first 20 listed; null
   * when the quantities are the trader's (as traded, multiplier: validated, never changed).
   */
  capped: { count: number; byRule: Record<string, number>; first: CappedTrade[] } | null;
  /** Trades held past the firm's flat-by time (null: the firm has none): counted, the first 20 listed. */
  flatBy: { violations: number; first: FlatByViolation[] } | null;
  /** Sizing: the risk % replayed (re-sized runs) and the quantities used. */
  sizing: {
    mode: string;
    riskPercent: number | null;
    minQuantity: number | null;
    maxQuantity: number | null;
  };
  curve: CurvePoint[] | null;
}

import type { AccountPhase } from '../../../shared-kernel/account-phase';
import type { TradeRecord } from '../../domain/trade-record';
import type { ProgramVerdict } from '../../domain/verdict';

export type { ProgramVerdict, TradeRecord };
export type { FillRecord } from '../../domain/trade-record';

/** Which programs to replay: ids, every program of a firm, or every program in the registry. */
export type ProgramSelection = { programIds: number[] } | { firmCode: string } | { all: true };

/**
 * How each trade is sized per program: `as_traded` (the file's quantity), `multiplier` (⌊quantity × m⌋, the
 * accounts' multiplier mode), or `risk`: re-sized per program by its sizing rule at `riskPercent` (fraction,
 * "0.005" = 0.5 %) from the trade's stop or, without one, `stopPoints` from its entry.
 */
export type SizingChoice =
  | { mode: 'as_traded' }
  | { mode: 'multiplier'; multiplier: string }
  | { mode: 'risk'; riskPercent: string; stopPoints?: string | null };

/** The risk-% search: steps of `step` (fraction) up to `max` (fraction), over the re-sized replay. */
export interface RiskSearch {
  step: string;
  max: string;
  /** The stop distance in points for trades without a stop (as SizingChoice `risk`). */
  stopPoints?: string | null;
}

export interface ReplayRequest {
  /** Round trips in time order (the parsers' output: TradingView, CSV, JSON or PropRouter's own fills). */
  trades: TradeRecord[];
  programs: ProgramSelection;
  sizing: SizingChoice;
  /** The accounts' phase for phase-scoped rules (consistency, news); default `evaluation`. */
  phase?: AccountPhase;
  /** Apply the news blackout with the imported economic calendar (default true). */
  news?: boolean;
  /** Equity curve points per program (default false). */
  curve?: boolean;
  search?: RiskSearch | null;
}

/** The highest risk % whose re-sized replay still passes, and the verdict one step above it. */
export interface RiskSearchResult {
  programId: number;
  /** Fraction (0.0075 = 0.75 %); null when no step up to the failure boundary passes. */
  highestPassing: number | null;
  step: number;
  /** The verdict one step above (FAILED at the boundary), or null when the highest step is the search's max. */
  nextStep: { riskPercent: number; status: string; rule: string | null } | null;
  /** Replays run for this program. */
  replays: number;
  note: string | null;
}

export interface ReplayReport {
  trades: number;
  firstEntryAt: string;
  lastExitAt: string;
  sizing: SizingChoice;
  phase: AccountPhase;
  newsEvents: number;
  verdicts: ProgramVerdict[];
  search: RiskSearchResult[] | null;
  /** Wall time of the replay (and the search), ms. */
  durationMs: number;
}

/**
 * The simulator's public entry point (issue 19). `replay` runs every selected program's account over the trades,
 * day by day in the firm's trading day, with the live risk rules (the risk context's RuleBook) and the live
 * sizing (PositionSizer), and returns one verdict per program: PASSED (day), FAILED (the first breach: day,
 * instant, rule, equity vs the limit's level), or NOT_YET. Throws an AppError VALIDATION for a selection that
 * names no program, or a risk sizing without a stop. Stable: the paper-account property test calls it.
 */
export abstract class ReplaySimulator {
  abstract replay(request: ReplayRequest): Promise<ReplayReport>;
}

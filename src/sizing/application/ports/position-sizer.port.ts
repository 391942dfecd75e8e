import type { SizingDecision } from '../../../shared-kernel/seed-results';

/** A trading account's sizing mode (accounts context), applied before the program's rule. */
export interface AccountSizingRequest {
  mode: 'risk' | 'fixed' | 'multiplier';
  fixedQuantity: number | null;
  /** Exact decimal text. */
  quantityMultiplier: string | null;
  /** The account's own cap; the tighter of it and the program's applies. */
  maxContracts: number | null;
}

/** One firm × program to size for a signal. Prices and percents as plain numbers (decimal inside). */
export interface SizingRequest {
  firmCode: string;
  programId: number;
  symbol: string;
  entryPrice: number | null;
  stopLoss: number | null;
  /** Fraction of the account: 0.01 = 1 %. */
  riskPercent: number | null;
  /** A user-supplied quantity: validated, never replaced. */
  quantity: number | null;
  /** Current account profit (balance − starting size), for scaling ladders; null = unknown (use first rung). */
  accountProfit: number | null;
  /** The trading account's mode; absent for the seed's firm-level (env) sizing. */
  account?: AccountSizingRequest | null;
}

/** Seed 13E `SizingResult` (defined once, in the shared kernel). */
export type SizingResult = SizingDecision;

export abstract class PositionSizer {
  /** One result per request, same order. Never throws: a failure is a REJECTED result. */
  abstract size(requests: SizingRequest[]): Promise<SizingResult[]>;
  /**
   * Per program, the account profits at which its sizing may answer differently (its scaling ladder's rungs
   * above the first, ascending; none without a ladder or with an env max): between two of them (a profit at or
   * above one and below the next, below the first, or unknown) a request sizes alike whatever `accountProfit`
   * says. For a caller that sizes an account whose profit moves (the simulator) and asks once per band.
   */
  abstract profitBreaks(programs: { firmCode: string; programId: number }[]): Promise<number[][]>;
}

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
}

/** Seed 13E `SizingResult`, with the seed's JSON field names. */
export interface SizingResult {
  firm_code: string;
  program_id: number;
  status: 'APPROVED' | 'REJECTED';
  rule: string | null;
  reason: string | null;
  computed_quantity: number | null;
  details: Record<string, unknown>;
}

export abstract class PositionSizer {
  /** One result per request, same order. Never throws: a failure is a REJECTED result. */
  abstract size(requests: SizingRequest[]): Promise<SizingResult[]>;
}

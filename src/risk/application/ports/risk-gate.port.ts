import type { AccountPhase } from '../../../shared-kernel/account-phase';
import type { RiskDecision } from '../../../shared-kernel/seed-results';

/** A pre-trade check of one firm (one trading account) for one signal. */
export interface RiskCheckRequest {
  firmCode: string;
  /**
   * The trading account whose state is checked; null (or absent) = the seed's firm-level state per
   * firm × program (an `env:{FIRM}` account).
   */
  accountId?: number | null;
  /** The account's phase (phase-scoped rules: consistency, news); null or absent when unknown (they then apply). */
  phase?: AccountPhase | null;
  /** Programs of this firm the signal targets; rules using program limits/account state use each of them. */
  programIds: number[];
  eventType: 'entry' | 'exit';
  symbol: string;
  side: 'buy' | 'sell';
  /** The quantity that would be sent (first approved sizing, else the user's); null when unknown. */
  quantity: number | null;
  entryPrice: number | null;
  stopLoss: number | null;
  riskPercent: number | null;
  /**
   * Size to fit (issue 16): set for a quantity sizing computed, the gate may size it down to the largest
   * quantity that fits the room left, to no fewer than `minQuantity`. Absent or null (a quantity the trader
   * gave, or an account's fixed or multiplied one): the quantity is validated, never changed.
   */
  sizeToFit?: { minQuantity: number } | null;
}

/** One result per request, seed style (the shared kernel's RiskDecision). */
export type RiskCheckResult = RiskDecision;

export abstract class RiskGate {
  /** Never throws: an internal failure is a REJECTED result with rule `RISK_ENGINE_ERROR`. */
  abstract check(requests: RiskCheckRequest[]): Promise<RiskCheckResult[]>;
  /** Account profit (balance − program account size) per program, for scaling ladders; missing → absent. */
  abstract accountProfits(
    firmCode: string,
    programIds: number[],
    accountId?: number | null,
  ): Promise<Map<number, number>>;
  /** The same for several firms at once, one map per request in order; a gate may read them all together. */
  accountProfitsOfMany(requests: ProfitRequest[]): Promise<Map<number, number>[]> {
    return Promise.all(requests.map((r) => this.accountProfits(r.firmCode, r.programIds, r.accountId)));
  }
  /**
   * One read of everything check() and accountProfits() need for these requests (their quantities are not
   * used), to answer both from it without reading again: the router sizes and checks a batch of entries
   * on one read instead of two. Null when this gate has no such read; rejects when the read fails.
   */
  snapshot(requests: RiskCheckRequest[]): Promise<RiskReading | null> {
    void requests;
    return Promise.resolve(null);
  }
}

/** check() and accountProfits() answered from one read (see RiskGate.snapshot). */
export interface RiskReading {
  accountProfits(firmCode: string, programIds: number[], accountId?: number | null): Map<number, number>;
  /** Never throws: like RiskGate.check. */
  check(requests: RiskCheckRequest[]): RiskCheckResult[];
}

export interface ProfitRequest {
  firmCode: string;
  programIds: number[];
  /** As in RiskCheckRequest: null/absent = the firm-level state. */
  accountId?: number | null;
}

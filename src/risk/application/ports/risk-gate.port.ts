/** A pre-trade check of one firm for one signal. */
export interface RiskCheckRequest {
  firmCode: string;
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
}

/** One result per firm, seed style. `details` holds the numbers the decision used. */
export interface RiskCheckResult {
  firm_code: string;
  status: 'APPROVED' | 'REJECTED';
  rule: string | null;
  reason: string | null;
  details: Record<string, unknown>;
}

export abstract class RiskGate {
  /** Never throws: an internal failure is a REJECTED result with rule `RISK_ENGINE_ERROR`. */
  abstract check(requests: RiskCheckRequest[]): Promise<RiskCheckResult[]>;
  /** Account profit (balance − program account size) per program, for scaling ladders; missing → absent. */
  abstract accountProfits(firmCode: string, programIds: number[]): Promise<Map<number, number>>;
  /** The same for several firms at once, one map per request in order; a gate may read them all together. */
  accountProfitsOfMany(requests: ProfitRequest[]): Promise<Map<number, number>[]> {
    return Promise.all(requests.map((r) => this.accountProfits(r.firmCode, r.programIds)));
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
  accountProfits(firmCode: string, programIds: number[]): Map<number, number>;
  /** Never throws: like RiskGate.check. */
  check(requests: RiskCheckRequest[]): RiskCheckResult[];
}

export interface ProfitRequest {
  firmCode: string;
  programIds: number[];
}

import {
  ProfitRequest,
  RiskCheckRequest,
  RiskGate,
  RiskReading,
} from '../../risk/application/ports/risk-gate.port';
import { PositionSizer } from '../../sizing/application/ports/position-sizer.port';
import { AccountRisk, AccountSizing, sizingOf } from '../domain/routing-plan';
import type { SizingDecision } from '../domain/task-result';
import type { Signal } from '../domain/signal';
import { riskAccountId, sizingRequests, Targets } from './account-targets';
import { Coalesced } from './coalesce';

/**
 * The reads a route makes of sizing and risk, coalesced: the tasks of a claimed batch share one call per
 * kind (one risk snapshot, one profits read, one batch of checks). Sizing is not merged: it reads the
 * program catalogue held in memory (CachedProgramCatalog), so a merge would only add a loop turn per task.
 */
export class RouteReads {
  private readonly riskChecks: Coalesced<RiskCheckRequest, AccountRisk>;
  private readonly readings: Coalesced<RiskCheckRequest[], RiskReading | null>;
  private readonly profits: Coalesced<ProfitRequest, Map<number, number>>;

  constructor(
    private readonly sizer: PositionSizer,
    risk: RiskGate,
  ) {
    this.riskChecks = new Coalesced(async (r) => (await risk.check(r)) as AccountRisk[]);
    this.readings = new Coalesced(async (bases) => {
      const reading = await risk.snapshot(bases.flat()).catch(() => null);
      return bases.map(() => reading);
    });
    this.profits = new Coalesced((r) => risk.accountProfitsOfMany(r));
  }

  /** One risk read for the batch's entries, for both the sizing profits and the checks; null when unavailable. */
  async reading(basis: RiskCheckRequest[]): Promise<RiskReading | null> {
    if (basis.length === 0) return null;
    const [reading] = await this.readings.call([basis]);
    return reading;
  }

  async check(requests: RiskCheckRequest[]): Promise<AccountRisk[]> {
    return requests.length > 0 ? this.riskChecks.call(requests) : [];
  }

  /** Sizing for every sized account × program, with each account's profit for scaling ladders. */
  async size(t: Targets, s: Signal, reading: RiskReading | null): Promise<AccountSizing[]> {
    const accounts = t.accounts;
    if (!accounts.some((a) => a.sized)) return [];
    const profits = reading
      ? accounts.map((a) => reading.accountProfits(a.firmCode, a.programIds, riskAccountId(t, a)))
      : await this.profits.call(
          accounts.map((a) => ({
            firmCode: a.firmCode,
            programIds: a.programIds,
            accountId: riskAccountId(t, a),
          })),
        );
    const requests = sizingRequests(t, s, profits);
    // not merged across tasks: the sizer answers from the program catalogue in memory (a load is shared)
    const decided: SizingDecision[] = await this.sizer.size(requests.map((r) => r.request));
    return decided.map((d, i) => sizingOf(d, requests[i].account));
  }
}

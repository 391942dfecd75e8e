import { Inject, Injectable } from '@nestjs/common';
import { FirmRecord, ProgramCatalog } from '../../registry/application/ports/program-catalog.port';
import { Clock } from '../../platform/time/clock';
import type { RiskCheckRequest } from './ports/risk-gate.port';
import { AccountKey, keyOf } from './ports/account-state.repository.port';
import { NewsCalendar } from './ports/news-calendar.port';
import { RiskStateReader } from './ports/risk-state.reader.port';
import { toProgramLimits } from './program-limits.mapper';
import { TRADING_DAY_POLICY } from './trading-day-policy.token';
import { AccountState, FIRM_LEVEL_ACCOUNT } from '../domain/account-state';
import type { EconomicEvent } from '../domain/economic-event';
import type { PendingExposure } from '../domain/pending-exposure';
import type { ProgramLimits } from '../domain/program-limits';
import type { FirmFacts } from '../domain/rules/firm-status.rule';
import type { TradingHalt } from '../domain/trading-halt';
import type { FlatBySchedule } from '../domain/flat-by';
import { firmTradingDayPolicy, TradingDayPolicy, tradingDayOf } from '../domain/trading-day';
import { flatByScheduleOf } from './firm-trading-day';

/** Everything one `check()` call needs, read once for all of its requests. */
export interface RiskSnapshot {
  now: Date;
  /** The default trading day (TRADING_DAY_ROLLOVER / TRADING_DAY_TIMEZONE). */
  tradingDay: string;
  /** Per firm of the requests, its own trading day (firm `trading_day` in the registry, else the default). */
  tradingDays: Map<string, string>;
  firms: Map<string, FirmFacts | null>;
  /** Per firm of the requests, its flat-by schedule (firm `flat_by` in the registry); null: none. */
  flatBy: Map<string, FlatBySchedule | null>;
  programs: Map<number, ProgramLimits>;
  halts: TradingHalt[];
  /** Keyed `FIRM:programId:accountId` (accountKey). */
  states: Map<string, AccountState>;
  /** Entry contracts sent and not yet reported filled, per platform-sourced state (accountKey). */
  pending: Map<string, PendingExposure>;
  /** Every key whose state was read (stored or not): another key's state is unknown to this snapshot. */
  readKeys: Set<string>;
  /** The firms whose halts were read (an entry's firms). */
  haltFirms: Set<string>;
  /** The economic calendar around `now` (read for entries only). */
  events: readonly EconomicEvent[];
}

/** A request's trading account: its id, or FIRM_LEVEL_ACCOUNT (0) for the firm-level state. */
export const accountIdOf = (r: { accountId?: number | null }): number => r.accountId ?? FIRM_LEVEL_ACCOUNT;

export const accountKey = (firmCode: string, programId: number, accountId: number) =>
  keyOf({ firmCode, programId, accountId });

/**
 * Reads the registry, the active halts and the account states for a batch of requests: the halts and
 * all account states are one read (RiskStateReader), run in parallel with the registry reads. Nothing is
 * cached across calls, so a halt or a fill takes effect for the very next check.
 */
@Injectable()
export class RiskSnapshotLoader {
  constructor(
    private readonly catalog: ProgramCatalog,
    private readonly state: RiskStateReader,
    private readonly clock: Clock,
    @Inject(TRADING_DAY_POLICY) private readonly policy: TradingDayPolicy,
    private readonly calendar: NewsCalendar,
  ) {}

  async load(requests: RiskCheckRequest[]): Promise<RiskSnapshot> {
    const now = this.clock.now();
    const firmCodes = [...new Set(requests.map((r) => r.firmCode.toUpperCase()))];
    const programIds = [...new Set(requests.flatMap((r) => r.programIds))];
    const entries = requests.filter((r) => r.eventType === 'entry');
    const keys: AccountKey[] = entries.flatMap((r) =>
      r.programIds.map((programId) => ({
        firmCode: r.firmCode.toUpperCase(),
        programId,
        accountId: accountIdOf(r),
      })),
    );
    // exits are never halted nor limited by an account: only entries need the halts and the states
    const [firms, programs, { halts, states, pending }, events] = await Promise.all([
      this.firms(firmCodes),
      programIds.length > 0 ? this.catalog.findPrograms(programIds) : new Map(),
      entries.length > 0 ? this.state.read(firmCodes, keys) : { halts: [], states: [], pending: new Map() },
      entries.length > 0 ? this.calendar.eventsAround(now) : [],
    ]);
    const tradingDays = new Map(
      [...firms].map(([code, firm]) => [
        code,
        tradingDayOf(now, firmTradingDayPolicy(firm?.tradingDay, this.policy)),
      ]),
    );
    return {
      now,
      tradingDay: tradingDayOf(now, this.policy),
      tradingDays,
      firms,
      flatBy: new Map([...firms].map(([code, firm]) => [code, flatByScheduleOf(firm, this.policy)])),
      programs: new Map([...programs.values()].map((p) => [p.id, toProgramLimits(p)])),
      halts,
      states: new Map(states.map((s) => [keyOf(s), s])),
      pending,
      readKeys: new Set(keys.map(keyOf)),
      haltFirms: new Set(entries.length > 0 ? firmCodes : []),
      events,
    };
  }

  private async firms(codes: string[]): Promise<Map<string, FirmRecord | null>> {
    const active = await this.catalog.listActiveFirms();
    const found = new Map<string, FirmRecord | null>(active.map((f) => [f.code.toUpperCase(), f]));
    const missing = codes.filter((c) => !found.has(c));
    const others = await Promise.all(missing.map((c) => this.catalog.findFirmByCode(c)));
    missing.forEach((c, i) => found.set(c, others[i]));
    return found;
  }
}

import Decimal from 'decimal.js';
import type { AccountPhase } from '../../shared-kernel/account-phase';
import type { FirmRecord, ProgramRecord } from '../../registry/application/ports/program-catalog.port';
import type {
  EconomicEvent,
  FlatBySchedule,
  RuleBook,
  TradingDayPolicy,
} from '../../risk/application/ports/rule-book.port';
import type { ContractCatalog } from '../../sizing/application/ports/contract-catalog.port';
import type { ContractValuation } from '../../sizing/application/ports/contract-valuation.port';
import { AppError } from '../../platform/errors/app-error';
import type { TradeRecord } from '../domain/trade-record';
import {
  FlatByMarks,
  flatByMarks,
  tradeDays,
  TradeDays,
  TradeMoney,
  TradeStops,
  tradeStops,
  valueTrades,
} from './prepared-trade';
import type { ProgramSetup } from './program-replay';
import { scaleMoney, type ScaledMoney } from './scaled-money';

/** The account sizes (and so limits) the trades' money units leave room for; a larger account replays in decimals. */
const LARGEST_ACCOUNT = 10_000_000;

/**
 * Builds each program's ProgramSetup, sharing what programs have in common: trading days per trading-day
 * policy, flat-by denials per firm, trade money per set of point values.
 */
export class SetupFactory {
  private readonly days = new Map<string, TradeDays>();
  private readonly flatBy = new Map<string, FlatByMarks | null>();
  private readonly money = new Map<string, { money: TradeMoney[]; scaled: ScaledMoney | null }>();
  /** Stops per set of point values and stop distances (a search replays one set at every step). */
  private readonly stops = new Map<string, { distances: readonly Decimal[] | null; stops: TradeStops }>();
  private readonly symbols: string[];

  constructor(
    private readonly rules: RuleBook,
    private readonly contracts: ContractCatalog,
    private readonly valuation: ContractValuation,
    private readonly trades: readonly TradeRecord[],
    private readonly firms: ReadonlyMap<string, FirmRecord | null>,
    private readonly events: readonly EconomicEvent[],
    private readonly phase: AccountPhase,
  ) {
    this.symbols = [...new Set(trades.map((t) => t.symbol))];
  }

  /** `distances`: a risk-sized run's stop distances (trades without a stop get one); null: the trades' own stops. */
  setup(
    record: ProgramRecord,
    sizing: ProgramSetup['sizing'],
    curve: boolean,
    distances: readonly Decimal[] | null = null,
  ): ProgramSetup {
    const firm = this.firms.get(record.firmCode) ?? null;
    const clock = this.rules.clockOf(firm);
    const limits = this.rules.limitsOf(record);
    const { money, scaled, pointValue, pointValues, key } = this.moneyOf(record);
    const stops = this.stopsOf(key, distances, pointValues, scaled);
    const first = this.trades[0].symbol;
    return {
      record,
      limits,
      daily: this.rules.dailyLimit(limits),
      softDaily: record.rules.dailyLoss?.enforcement === 'soft',
      phase: this.phase,
      days: this.daysOf(clock.policy),
      flatBy: this.flatByOf(record.firmCode, clock.flatBy),
      money,
      scaled: limits.accountSize.lte(LARGEST_ACCOUNT) ? scaled : null,
      pointValue,
      pointValues,
      stops,
      micro: this.contracts.spec(first)?.micro === true,
      events: limits.news ? this.events : [],
      entryRules: Boolean(
        (limits.news && this.events.length > 0) ||
        limits.consistency ||
        limits.maxContracts !== null ||
        (limits.contractScaling?.length ?? 0) > 0 ||
        stops.any,
      ),
      sizing,
      curve,
    };
  }

  private daysOf(policy: TradingDayPolicy): TradeDays {
    const key = `${policy.rolloverMinute}@${policy.zone}`;
    let days = this.days.get(key);
    if (!days) this.days.set(key, (days = tradeDays(this.trades, policy, this.rules)));
    return days;
  }

  private flatByOf(firmCode: string, schedule: FlatBySchedule | null): FlatByMarks | null {
    let flat = this.flatBy.get(firmCode);
    if (flat === undefined) {
      flat = schedule ? flatByMarks(this.trades, schedule, this.rules) : null;
      this.flatBy.set(firmCode, flat);
    }
    return flat;
  }

  /** The trades valued at the program's point values (env `{FIRM}_{ID}_POINT_VALUE`, else the contract spec). */
  private moneyOf(record: ProgramRecord) {
    const pointValues = this.symbols.map((s) => this.valuation.pointValue(record.firmCode, record.id, s));
    const unknown = this.symbols.filter((_, i) => pointValues[i] === null);
    if (unknown.length > 0)
      throw AppError.validation(
        unknown.map((s) => `symbol: "${s}" is not a known futures contract (no point value)`),
      );
    const key = pointValues.map((p) => p!.toString()).join('|');
    let valued = this.money.get(key);
    if (!valued) {
      const money = this.valueAll(pointValues as Decimal[]);
      valued = { money, scaled: scaleMoney(money, new Decimal(LARGEST_ACCOUNT)) };
      this.money.set(key, valued);
    }
    const bySymbol = new Map(this.symbols.map((s, i) => [s, pointValues[i]!]));
    return { ...valued, pointValue: bySymbol.get(this.trades[0].symbol)!, pointValues: bySymbol, key };
  }

  private stopsOf(
    moneyKey: string,
    distances: readonly Decimal[] | null,
    pointValues: ReadonlyMap<string, Decimal>,
    scaled: ScaledMoney | null,
  ): TradeStops {
    const cached = this.stops.get(moneyKey);
    if (cached && cached.distances === distances) return cached.stops;
    const stops = tradeStops(this.trades, distances, (s) => pointValues.get(s)!, scaled?.scale ?? null);
    this.stops.set(moneyKey, { distances, stops });
    return stops;
  }

  private valueAll(pointValues: Decimal[]): TradeMoney[] {
    if (this.symbols.length === 1) return valueTrades(this.trades, pointValues[0], this.rules);
    return this.trades.map(
      (t) => valueTrades([t], pointValues[this.symbols.indexOf(t.symbol)], this.rules)[0],
    );
  }
}

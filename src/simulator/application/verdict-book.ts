import Decimal from 'decimal.js';
import type {
  AccountState,
  DailyRoom,
  DrawdownRoom,
  RuleBook,
  RuleOutcome,
} from '../../risk/application/ports/rule-book.port';
import type { TradeRecord } from '../domain/trade-record';
import type {
  CappedTrade,
  DayPause,
  Failure,
  FlatByViolation,
  ProgramVerdict,
  SkippedTrade,
} from '../domain/verdict';
import { EquityCurve } from './equity-curve';
import type { ProgramSetup } from './program-setup';
import { approach, Low, lowest, PassBook } from './pass-book';
import type { MoneyScale } from './scaled-money';
import type { UnitLow } from './unit-account';

type Denial = NonNullable<RuleOutcome>;

/** The rooms before the daily loss line and the drawdown floor on one state, and which is reached first. */
export interface Rooms {
  daily: DailyRoom | null;
  dd: DrawdownRoom | null;
  hit: 'daily' | 'drawdown' | null;
}
const FIRST_SKIPPED = 20;

/** What one program's replay has seen so far (rooms, skips, pauses, the curve), and the verdict it adds up to. */
export class VerdictBook {
  private readonly pass: PassBook;
  private readonly pauses: DayPause[] = [];
  private readonly skipped: SkippedTrade[] = [];
  private readonly byRule: Record<string, number> = {};
  private skippedCount = 0;
  private readonly cappedFirst: CappedTrade[] = [];
  private readonly cappedByRule: Record<string, number> = {};
  private cappedCount = 0;
  private flatByCount = 0;
  private readonly flatByFirst: FlatByViolation[] = [];
  private daily: Low | null = null;
  private drawdown: Low | null = null;
  private perTradeLow: Low | null = null;
  /** The deepest worst open loss (units) noted by perTradeUnits: a shallower one is no closer. */
  private perTradeWorst: number | null = null;
  private readonly curve: EquityCurve;

  constructor(
    private readonly rules: RuleBook,
    private readonly s: ProgramSetup,
    tradeCount: number,
    /** Whether the gate may size entries down (a risk-sized run): the verdict counts them. */
    private readonly fitting = false,
  ) {
    this.pass = new PassBook(rules, s);
    this.curve = new EquityCurve(rules, s, tradeCount);
  }

  /** A replayed trade still open at its session's flat-by. */
  heldPastFlatBy(t: TradeRecord, flatByAt: Date): void {
    this.flatByCount++;
    if (this.flatByFirst.length < FIRST_SKIPPED)
      this.flatByFirst.push({
        trade: t.ref,
        flatByAt: flatByAt.toISOString(),
        exitAt: t.exitAt.toISOString(),
      });
  }

  skip(x: SkippedTrade): void {
    this.skippedCount++;
    this.byRule[x.rule] = (this.byRule[x.rule] ?? 0) + 1;
    if (this.skipped.length < FIRST_SKIPPED) this.skipped.push(x);
  }

  /** An entry the gate sized down from `from` to `to` contracts to fit `rule`'s room. */
  capped(t: TradeRecord, from: number, to: number, rule: string): void {
    this.cappedCount++;
    this.cappedByRule[rule] = (this.cappedByRule[rule] ?? 0) + 1;
    if (this.cappedFirst.length < FIRST_SKIPPED)
      this.cappedFirst.push({ trade: t.ref, at: t.entryAt.toISOString(), from, to, rule });
  }

  traded(day: string, q: number): void {
    this.pass.traded(day, q);
  }

  /** Closes the state's trading day; true when the program passed on it (the replay stops). */
  closeDay(state: AccountState): boolean {
    return this.pass.closeDay(state);
  }

  perTrade(worst: Decimal, tradingDay: string, t: TradeRecord): void {
    const limit = this.s.limits.perTradeLoss;
    if (!limit) return;
    const amount =
      'amount' in limit ? limit.amount : this.s.limits.accountSize.times(limit.fractionOfAccount);
    this.perTradeLow = lowest(this.perTradeLow, amount.minus(worst), amount, tradingDay, t.exitAt);
  }

  /** The rooms on this state (the risk context's measures) and which limit, if any, it has reached first. */
  rooms(state: AccountState): Rooms {
    const daily = this.s.daily ? this.rules.dailyRoom(this.s.daily, state) : null;
    const dd = this.rules.drawdownRoom(this.s.limits, state);
    const dailyHit = daily !== null && daily.headroom.lte(0);
    const floorHit = dd !== null && dd.headroom.lte(0);
    // on the way down the higher line is met first: the daily line when its room is the smaller
    const hit =
      dailyHit && (!floorHit || daily.headroom.lte(dd.headroom)) ? 'daily' : floorHit ? 'drawdown' : null;
    return { daily, dd, hit };
  }

  /**
   * Keeps the rooms of a state the account reached as the closest approach to each limit. Only a state it
   * reached: a trough below a soft daily line the firm liquidates at is not one (the line is).
   */
  note(r: Rooms, state: AccountState, t: TradeRecord): void {
    if (r.daily)
      this.daily = lowest(this.daily, r.daily.headroom, r.daily.amount, state.tradingDay, t.exitAt);
    if (r.dd) {
      const maxLoss = this.s.limits.maxTotalLoss as Decimal;
      this.drawdown = lowest(this.drawdown, r.dd.headroom, maxLoss, state.tradingDay, t.exitAt);
    }
  }

  /** Lows a UnitAccount noted (in its units) since the last hand-over, after every low noted here before them. */
  unitLows(lows: { daily: UnitLow | null; drawdown: UnitLow | null }, scale: MoneyScale): void {
    const { daily, drawdown } = lows;
    if (daily)
      this.daily = lowest(this.daily, scale.decimal(daily.room), daily.limit, daily.tradingDay, daily.at);
    if (drawdown)
      this.drawdown = lowest(
        this.drawdown,
        scale.decimal(drawdown.room),
        drawdown.limit,
        drawdown.tradingDay,
        drawdown.at,
      );
  }

  /** The per-trade low at an amount in units (a trade within the limit). */
  perTradeUnits(worst: number, scale: MoneyScale, day: string, t: TradeRecord): void {
    if (this.perTradeLow && this.perTradeWorst !== null && worst <= this.perTradeWorst) return;
    this.perTradeWorst = worst;
    this.perTrade(scale.decimal(worst), day, t);
  }

  /** rooms() of a state the account reached, noted. */
  measure(state: AccountState, t: TradeRecord): Rooms['hit'] {
    const r = this.rooms(state);
    this.note(r, state, t);
    return r.hit;
  }

  dailyLine(state: AccountState): Decimal {
    return this.curve.dailyLine(state) as Decimal;
  }

  pause(state: AccountState, t: TradeRecord): void {
    const amount = this.rules.dailyRoom(this.s.daily!, state).amount;
    this.pauses.push({
      tradingDay: state.tradingDay,
      at: t.exitAt.toISOString(),
      dailyPnl: amount.neg().toNumber(),
      limit: amount.toNumber(),
    });
  }

  point(state: AccountState, t: TradeRecord, low: Decimal): void {
    if (this.s.curve) this.curve.add(state, t.exitAt, low);
  }

  fail(d: Denial, state: AccountState, t: TradeRecord, open: Decimal, intraTrade: boolean): ProgramVerdict {
    const at = { ...state, openPnl: open };
    const equity = at.balance.plus(open);
    const details = d.details as Record<string, number | undefined>;
    const limit =
      d.rule === 'MAX_LOSS_LIMIT'
        ? (details.floor ?? 0)
        : d.rule === 'DAILY_LOSS_LIMIT'
          ? this.dailyLine(at).toNumber()
          : (details.limit ?? 0);
    this.point(at, t, equity);
    this.pass.failedOn(at);
    const failure: Failure = {
      rule: d.rule,
      reason: d.reason,
      tradingDay: state.tradingDay,
      at: t.exitAt.toISOString(),
      intraTrade,
      trade: t.ref,
      equity: equity.toNumber(),
      limit,
    };
    return { ...this.verdict(at), status: 'FAILED', passedOn: null, notYet: [], failure };
  }

  verdict(state: AccountState): ProgramVerdict {
    const maxLoss = this.s.limits.maxTotalLoss;
    const used = maxLoss && this.drawdown ? maxLoss.minus(this.drawdown.room).div(maxLoss).times(100) : null;
    return {
      ...this.pass.summary(state),
      failure: null,
      maxDrawdownUsedPercent: maxLoss ? (used?.toDecimalPlaces(2).toNumber() ?? 0) : null,
      closest: {
        dailyLoss: approach(this.daily),
        drawdown: approach(this.drawdown),
        perTrade: approach(this.perTradeLow),
        contracts: this.pass.contracts(state),
      },
      pauses: this.pauses,
      skipped: { count: this.skippedCount, byRule: this.byRule, first: this.skipped },
      capped: this.fitting
        ? { count: this.cappedCount, byRule: this.cappedByRule, first: this.cappedFirst }
        : null,
      flatBy: this.s.flatBy ? { violations: this.flatByCount, first: this.flatByFirst } : null,
      curve: this.s.curve ? this.curve.points : null,
    };
  }
}

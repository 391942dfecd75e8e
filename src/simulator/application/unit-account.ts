import Decimal from 'decimal.js';
import type { AccountState, RuleBook } from '../../risk/application/ports/rule-book.port';
import type { ProgramSetup } from './program-setup';
import type { MoneyScale } from './scaled-money';

/** The least room seen before one limit, in units, and where (the trading day, the trade's exit). */
export interface UnitLow {
  room: number;
  limit: Decimal;
  tradingDay: string;
  at: Date;
}

/**
 * One program's account between two trades of one trading day (open P&L zero), in money units, with the equity
 * levels at which the live rules breach on that day: the daily loss line (equity − the daily rule's room) and the
 * drawdown floor (the max-loss rule's), both asked of the RuleBook on the day's state and again whenever an
 * intraday high-water mark rises. Within a day the daily room is equity minus a fixed line and the drawdown room
 * equity minus the floor, so a trade is compared with the lines in units; a trade that reaches one, and whatever
 * does not fit in units, is replayed on the decimal state by the rules themselves (ProgramReplay).
 */
export class UnitAccount {
  balance = 0;
  startOfDay = 0;
  today = 0;
  hwmEod = 0;
  hwmIntraday = 0;
  day = '';
  /** −∞ without a daily loss limit / a max loss. */
  dailyLine = -Infinity;
  floor = -Infinity;
  private dailyAmount: Decimal | null = null;
  daily: UnitLow | null = null;
  drawdown: UnitLow | null = null;
  /**
   * The gate's answer today to an entry of one kind (quantity, symbol, side, stop distance): the quantity it took
   * (below the ask: sized down by `cappedBy`) and the largest today's P&L it gave it at.
   */
  private readonly answers = new Map<number, KnownAnswer>();

  /**
   * Whether the gate's answers hold for a day only: with a consistency cap (its threshold moves with the profit)
   * or contract tiers (by the prior end-of-day balance). Otherwise what changes from day to day is the loss rooms,
   * which stillAnswers() compares each time.
   */
  private readonly answersByDay: boolean;

  constructor(
    private readonly rules: RuleBook,
    private readonly s: ProgramSetup,
    readonly scale: MoneyScale,
  ) {
    this.answersByDay = Boolean(s.limits.consistency) || (s.limits.contractScaling?.length ?? 0) > 0;
  }

  /** Takes the decimal state (a new trading day or after a decimal trade); false when it does not fit in units. */
  load(state: AccountState): boolean {
    const u = (d: Decimal) => this.scale.units(d);
    const fields = [
      u(state.balance),
      u(state.startOfDayBalance),
      u(state.realizedPnlToday),
      u(state.highWaterMarkEod),
      u(state.highWaterMarkIntraday),
    ];
    if (fields.some((f) => f === null) || !state.openPnl.isZero()) return false;
    [this.balance, this.startOfDay, this.today, this.hwmEod, this.hwmIntraday] = fields as number[];
    if (this.day !== state.tradingDay && this.answersByDay) this.answers.clear();
    this.day = state.tradingDay;
    return this.lines(state);
  }

  /** The decimal state this account is (`base` gives the fields units do not hold). */
  state(base: AccountState): AccountState {
    const d = (n: number) => this.decimal(n);
    return {
      ...base,
      balance: d(this.balance),
      startOfDayBalance: d(this.startOfDay),
      realizedPnlToday: d(this.today),
      openPnl: ZERO,
      highWaterMarkEod: d(this.hwmEod),
      highWaterMarkIntraday: d(this.hwmIntraday),
      tradingDay: this.day,
    };
  }

  /** Units as a decimal; the last few conversions are kept (a day's state repeats its amounts). */
  private decimal(n: number): Decimal {
    const i = n & 7;
    if (this.recentUnits[i] === n) return this.recentDecimals[i];
    const d = this.scale.decimal(n);
    this.recentUnits[i] = n;
    this.recentDecimals[i] = d;
    return d;
  }
  private readonly recentUnits = new Float64Array(8).fill(NaN);
  private readonly recentDecimals: Decimal[] = new Array<Decimal>(8);

  /** The drawdown floor once the intraday high-water mark is `peak` (the max-loss rule's); null: not in units. */
  floorAt(peak: number, base: AccountState): number | null {
    const dd = this.rules.drawdownRoom(this.s.limits, {
      ...this.state(base),
      highWaterMarkIntraday: this.scale.decimal(peak),
    });
    return dd ? this.scale.units(dd.dd.floor) : -Infinity;
  }

  /** Notes a trough equity (units) the account reached at `at`: its rooms before the daily line and the floor. */
  trough(equity: number, at: Date): void {
    if (this.dailyAmount && (!this.daily || equity - this.dailyLine < this.daily.room))
      this.daily = { room: equity - this.dailyLine, limit: this.dailyAmount, tradingDay: this.day, at };
    if (this.floor !== -Infinity && (!this.drawdown || equity - this.floor < this.drawdown.room))
      this.drawdown = {
        room: equity - this.floor,
        limit: this.s.limits.maxTotalLoss as Decimal,
        tradingDay: this.day,
        at,
      };
  }

  /**
   * The gate's answer to an entry of this kind known at today's P&L (with `upward`, a rule that refuses from a
   * threshold of today's P&L up: given at a P&L at least as high), or null; the caller checks its stop-out against
   * the rooms (stopOutFits).
   */
  entryAnswer(kind: number, upward: boolean): KnownAnswer | null {
    const known = this.answers.get(kind);
    return known !== undefined && (!upward || this.today <= known.today) ? known : null;
  }

  entryAnswered(kind: number, quantity: number, cappedBy: string | null): void {
    const was = this.answers.get(kind);
    this.answers.set(kind, { quantity, cappedBy, today: Math.max(was?.today ?? -Infinity, this.today) });
  }

  /**
   * Whether the gate's earlier answer holds here, as far as the loss rooms go (`stop`: one contract's stop-out in
   * units; null without a stop, when the rooms check only the state). Its quantity's stop-out must stay strictly
   * inside both rooms (a stop-out that reaches a line is refused); an answer a room sized down must also be that
   * room's again: one contract more reaches it (and, for the floor, not the daily line, which is checked first).
   */
  stillAnswers(known: KnownAnswer, stop: number | null): boolean {
    const daily = this.balance - this.dailyLine;
    const dd = this.balance - this.floor;
    // without a stop the gate checks the state alone: equity at or below a line is refused (an end-of-day
    // trailing floor can rise to meet the equity overnight, so an earlier day's answer may no longer hold)
    if (stop === null) return daily > 0 && dd > 0;
    const loss = known.quantity * stop;
    if (!(loss < daily && loss < dd)) return false;
    if (known.cappedBy === 'DAILY_LOSS_LIMIT') return loss + stop >= daily;
    if (known.cappedBy === 'MAX_LOSS_LIMIT') return loss + stop >= dd && loss + stop < daily;
    return true;
  }

  /** The lows noted since the last call, handed over (the VerdictBook keeps the overall least). */
  takeLows(): { daily: UnitLow | null; drawdown: UnitLow | null } {
    const lows = { daily: this.daily, drawdown: this.drawdown };
    this.daily = null;
    this.drawdown = null;
    return lows;
  }

  private lines(state: AccountState): boolean {
    this.dailyAmount = null;
    this.dailyLine = -Infinity;
    if (this.s.daily) {
      const room = this.rules.dailyRoom(this.s.daily, state);
      const line = this.scale.units(state.balance.minus(room.headroom));
      if (line === null) return false;
      [this.dailyLine, this.dailyAmount] = [line, room.amount];
    }
    const dd = this.rules.drawdownRoom(this.s.limits, state);
    const floor = dd ? this.scale.units(dd.dd.floor) : -Infinity;
    if (floor === null) return false;
    this.floor = floor;
    return true;
  }
}

const ZERO = new Decimal(0);

interface KnownAnswer {
  quantity: number;
  cappedBy: string | null;
  today: number;
}

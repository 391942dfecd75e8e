import Decimal from 'decimal.js';
import type { AccountState, RuleBook } from '../../risk/application/ports/rule-book.port';
import type { TradeRecord } from '../domain/trade-record';
import type { ProgramVerdict } from '../domain/verdict';
import type { ProgramSetup, Refusal } from './program-setup';
import { Admission, admitted, breachDenial } from './gate-checks';
import { unitAmounts } from './scaled-money';
import { SizingBands, type SizedTrades } from './trade-sizing';
import { UnitAccount } from './unit-account';
import { VerdictBook } from './verdict-book';

export type { ProgramSetup, Refusal, SizedTrades };

const ZERO = new Decimal(0);

/**
 * One program's account, day by day over the trades: each trade's quantity is sizing's for the account's profit
 * when it is entered (`sized`), the live gate's entry rules may refuse it or (size to fit) size it down; a trade's
 * best open profit (intraday trailing) then its worst open loss are marked, then its exit realized; after
 * each mark the daily-loss and drawdown rooms are measured by the risk context's own functions, and a room
 * at or below zero is the breach (soft daily loss: liquidated at the line, the day paused). Each trading day
 * closes with the pass check (VerdictBook).
 */
export function replayProgram(
  rules: RuleBook,
  s: ProgramSetup,
  trades: readonly TradeRecord[],
  sized: SizedTrades,
): ProgramVerdict {
  return new ProgramReplay(rules, s, trades, sized).run();
}

/** The account as the gate reads it at each entry (Admission). */
class ProgramReplay implements Admission {
  readonly book: VerdictBook;
  readonly fit: Admission['fit'];
  private readonly intraday: boolean;
  /** The decimal state: the account while `units` is null, else the base `units` fills in (sync()). */
  state: AccountState;
  paused = false;
  private readonly bands: SizingBands;
  /** The account in money units while the replay fits in them (the fast path), else null. */
  units: UnitAccount | null = null;

  constructor(
    readonly rules: RuleBook,
    readonly s: ProgramSetup,
    private readonly trades: readonly TradeRecord[],
    private readonly sized: SizedTrades,
  ) {
    this.book = new VerdictBook(rules, s, trades.length, sized.fit !== null);
    this.fit = sized.fit;
    this.bands = new SizingBands(sized, s.limits.accountSize, s.scaled?.scale ?? null);
    this.intraday = (s.limits.drawdownType ?? 'static').startsWith('intraday');
    this.state = rules.freshAccount(s.limits, s.days.entry[0], trades[0].entryAt);
    // curve points are drawn from the decimal state of every trade
    if (s.scaled && !s.curve) this.units = new UnitAccount(rules, s, s.scaled.scale);
    this.resume();
  }

  run(): ProgramVerdict {
    for (let i = 0; i < this.trades.length; i++) {
      if (!this.roll(this.s.days.entry[i])) return this.book.verdict(this.state);
      const q = this.admit(i);
      if (q === null) continue;
      const past = this.s.flatBy?.heldPast[i];
      if (past) this.book.heldPastFlatBy(this.trades[i], past);
      const failed = this.units ? this.unitTrade(i, q) : this.trade(i, q);
      if (failed) return failed;
    }
    this.sync();
    this.book.closeDay(this.state);
    return this.book.verdict(this.state);
  }

  /** The trading day the account is on. */
  private get day(): string {
    return this.units ? this.units.day : this.state.tradingDay;
  }

  /** Moves to `day`, closing the day before; false when the program passed on it. */
  private roll(day: string): boolean {
    if (day === this.day) return true;
    this.sync();
    if (this.book.closeDay(this.state)) return false;
    this.state = this.rules.rollTo(this.state, day);
    this.paused = false;
    this.resume();
    return true;
  }

  /** The decimal state made current from the units (their lows handed to the book). */
  private sync(): void {
    if (!this.units) return;
    this.state = this.units.state(this.state);
    this.book.unitLows(this.units.takeLows(), this.units.scale);
  }

  /** Back to units from the decimal state (when it fits; else the replay goes on in decimals). */
  private resume(): void {
    if (this.units && !this.units.load(this.state)) this.units = null;
  }

  /** The quantity this program trades (sized, then the gate's), or null when the entry is refused (skipped). */
  private admit(i: number): number | null {
    const q = this.sized.bands[this.bands.band(this.units, this.state)][i];
    return admitted(this, this.trades[i], i, q);
  }

  /**
   * Trade i at quantity q in units: the fast path of trade() for a trade that reaches no limit. One that may
   * (its trough at or below a line, a worst loss beyond any passed per-trade check) or that does not fit in units
   * is replayed by trade() on the decimal state.
   */
  private unitTrade(i: number, q: number): ProgramVerdict | null {
    const u = this.units!;
    const m = this.s.scaled!;
    const t = this.trades[i];
    const amounts = unitAmounts(m, i, q, q === t.quantity);
    if (!amounts || (this.s.limits.perTradeLoss && amounts[1] > this.perTradePassed))
      return this.decimalTrade(i, q);
    const [pnl, worst, best] = amounts;
    let floor = u.floor;
    const peak = u.balance + best;
    const raised = this.intraday && best > 0 && peak > u.hwmIntraday;
    if (raised) {
      const f = u.floorAt(peak, this.state);
      if (f === null) return this.decimalTrade(i, q);
      floor = f;
    }
    // measured (as trade() does): the worst open loss; without one, after a raised peak, the exit
    const measured = worst > 0 || raised;
    const trough = worst > 0 ? u.balance - worst : u.balance + pnl;
    if (measured && (trough <= u.dailyLine || trough <= floor)) return this.decimalTrade(i, q);
    this.book.traded(u.day, q);
    if (this.s.limits.perTradeLoss) this.book.perTradeUnits(worst, u.scale, u.day, t);
    if (raised) [u.hwmIntraday, u.floor] = [peak, floor];
    if (measured) u.trough(trough, t.exitAt);
    const exitDay = this.s.days.exit[i];
    if (exitDay !== u.day && !this.roll(exitDay)) return this.book.verdict(this.state);
    const v = this.units;
    if (!v) return this.realize(u.scale.decimal(pnl), t, this.state.balance.minus(u.scale.decimal(worst)));
    v.balance += pnl;
    v.today += pnl;
    if (v.balance > v.hwmIntraday) v.hwmIntraday = v.balance;
    return null;
  }

  /** trade() on the decimal state, then back to units. */
  private decimalTrade(i: number, q: number): ProgramVerdict | null {
    this.sync();
    const units = this.units;
    this.units = null;
    const v = this.trade(i, q);
    if (v) return v;
    this.units = units;
    this.resume();
    return null;
  }

  /** The largest worst open loss (units) the per-trade rule passed; a trade within it passes too. */
  private perTradePassed = -Infinity;

  /** Replays trade i at quantity q; the FAILED verdict when it breaches. */
  private trade(i: number, q: number): ProgramVerdict | null {
    const t = this.trades[i];
    const m = this.s.money[i];
    const asTraded = q === t.quantity;
    const pnl = asTraded ? m.pnl : m.perContract.pnl.times(q);
    const worst = asTraded ? m.worst : m.perContract.worst.times(q);
    // the worst point was inside the trade, not at its exit fill (a breach is then dated at the exit)
    const intraTrade = () => !worst.eq(pnl.neg());
    this.book.traded(this.state.tradingDay, q);
    const denial = this.perTrade(worst, t);
    if (denial) return this.book.fail(denial, this.state, t, worst.neg(), intraTrade());
    const raised =
      this.intraday && !m.best.isZero() && this.markPeak(asTraded ? m.best : m.perContract.best.times(q));
    let low = this.state.balance.minus(worst);
    let realized = pnl;
    // measured: the worst open loss; without one, after a raised peak (the floor rose), the exit
    const open = worst.gt(0) ? worst.neg() : raised ? pnl : null;
    if (open) {
      const trough = { ...this.state, openPnl: open };
      const rooms = this.book.rooms(trough);
      const breach = rooms.hit;
      if (breach === 'daily' && this.s.softDaily) {
        // liquidated at the line: the trough below it is never reached (realize() measures the line)
        realized = this.liquidate(trough, t);
        low = this.state.balance.plus(realized);
      } else {
        this.book.note(rooms, trough, t);
        const d = breach && breachDenial(this.rules, this.s, trough, breach);
        if (d) return this.book.fail(d, trough, t, open, !open.eq(pnl));
      }
    }
    if (this.s.days.exit[i] !== this.state.tradingDay && !this.paused && !this.roll(this.s.days.exit[i]))
      return this.book.verdict(this.state);
    return this.realize(realized, t, low);
  }

  /** The per-trade loss limit's denial of a trade's worst open loss (noted as the closest approach). */
  private perTrade(worst: Decimal, t: TradeRecord) {
    if (!this.s.limits.perTradeLoss) return null;
    const denial = this.rules.checkPerTradeLoss(this.s.limits, worst);
    this.book.perTrade(worst, this.state.tradingDay, t);
    const units = this.s.scaled?.scale.units(worst) ?? null;
    if (!denial && units !== null && units > this.perTradePassed) this.perTradePassed = units;
    return denial;
  }

  /** Intraday trailing: the trade's best open profit raises the high-water mark before its worst loss is marked. */
  private markPeak(best: Decimal): boolean {
    const peak = this.state.balance.plus(best);
    if (!peak.gt(this.state.highWaterMarkIntraday)) return false;
    this.state = { ...this.state, highWaterMarkIntraday: peak };
    return true;
  }

  /** Soft daily loss: the firm closes the position at the line (today ends at exactly −limit) and pauses the day. */
  private liquidate(trough: AccountState, t: TradeRecord): Decimal {
    this.paused = true;
    this.book.pause(trough, t);
    return this.book.dailyLine(trough).minus(this.state.balance);
  }

  private realize(realized: Decimal, t: TradeRecord, low: Decimal): ProgramVerdict | null {
    const balance = this.state.balance.plus(realized);
    this.state = {
      ...this.state,
      balance,
      realizedPnlToday: this.state.realizedPnlToday.plus(realized),
      openPnl: ZERO,
      highWaterMarkIntraday: Decimal.max(this.state.highWaterMarkIntraday, balance),
    };
    // liquidated at the daily line: that line may sit exactly on the floor
    if (this.paused && this.book.measure(this.state, t) === 'drawdown')
      return this.book.fail(
        breachDenial(this.rules, this.s, this.state, 'drawdown'),
        this.state,
        t,
        ZERO,
        false,
      );
    this.book.point(this.state, t, low);
    return null;
  }
}

import Decimal from 'decimal.js';
import type {
  AccountState,
  DailyLossLimit,
  RuleBook,
  RuleOutcome,
} from '../../risk/application/ports/rule-book.port';
import type { TradeRecord } from '../domain/trade-record';
import type { ProgramVerdict } from '../domain/verdict';
import type { ProgramSetup, Refusal } from './program-setup';
import { VerdictBook } from './verdict-book';

export type { ProgramSetup, Refusal };

const ZERO = new Decimal(0);

/**
 * One program's account, day by day over the trades: the gate's entry rules may refuse a trade; a trade's
 * best open profit (intraday trailing) then its worst open loss are marked, then its exit realized; after
 * each mark the daily-loss and drawdown rooms are measured by the risk context's own functions, and a room
 * at or below zero is the breach (soft daily loss: liquidated at the line, the day paused). Each trading day
 * closes with the pass check (VerdictBook).
 */
export function replayProgram(
  rules: RuleBook,
  s: ProgramSetup,
  trades: readonly TradeRecord[],
  quantities: readonly (number | Refusal)[],
): ProgramVerdict {
  return new ProgramReplay(rules, s, trades, quantities).run();
}

class ProgramReplay {
  private readonly book: VerdictBook;
  private readonly intraday: boolean;
  private state: AccountState;
  private paused = false;

  constructor(
    private readonly rules: RuleBook,
    private readonly s: ProgramSetup,
    private readonly trades: readonly TradeRecord[],
    private readonly quantities: readonly (number | Refusal)[],
  ) {
    this.book = new VerdictBook(rules, s, trades.length);
    this.intraday = (s.limits.drawdownType ?? 'static').startsWith('intraday');
    this.state = rules.freshAccount(s.limits, s.days.entry[0], trades[0].entryAt);
  }

  run(): ProgramVerdict {
    for (let i = 0; i < this.trades.length; i++) {
      if (!this.roll(this.s.days.entry[i])) return this.book.verdict(this.state);
      const q = this.admit(i);
      if (q === null) continue;
      const failed = this.trade(i, q);
      if (failed) return failed;
    }
    this.book.closeDay(this.state);
    return this.book.verdict(this.state);
  }

  /** Moves to `day`, closing the day before; false when the program passed on it. */
  private roll(day: string): boolean {
    if (day === this.state.tradingDay) return true;
    if (this.book.closeDay(this.state)) return false;
    this.state = this.rules.rollTo(this.state, day);
    this.paused = false;
    return true;
  }

  /** The quantity this program trades, or null when the entry is refused (recorded as skipped). */
  private admit(i: number): number | null {
    const t = this.trades[i];
    const q = this.quantities[i];
    const refusal: Refusal | null = this.paused
      ? { rule: 'DAILY_LOSS_LIMIT', reason: 'the day is paused: the soft daily loss limit was reached' }
      : (this.s.flatBy?.[i] ??
        (typeof q !== 'number' ? q : this.s.entryRules ? this.entryDenial(t, q) : null));
    if (refusal === null) return q as number;
    this.book.skip({ trade: t.ref, at: t.entryAt.toISOString(), rule: refusal.rule, reason: refusal.reason });
    return null;
  }

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
    if (this.s.limits.perTradeLoss) {
      const denial = this.rules.checkPerTradeLoss(this.s.limits, worst);
      this.book.perTrade(worst, this.state, t);
      if (denial) return this.book.fail(denial, this.state, t, worst.neg(), intraTrade());
    }
    if (this.intraday && !m.best.isZero()) this.markPeak(asTraded ? m.best : m.perContract.best.times(q));
    let low = this.state.balance.minus(worst);
    let realized = pnl;
    if (worst.gt(0)) {
      const trough = { ...this.state, openPnl: worst.neg() };
      const rooms = this.book.rooms(trough);
      const breach = rooms.hit;
      if (breach === 'daily' && this.s.softDaily) {
        // liquidated at the line: the trough below it is never reached (realize() measures the line)
        realized = this.liquidate(trough, t);
        low = this.state.balance.plus(realized);
      } else {
        this.book.note(rooms, trough, t);
        if (breach) return this.book.fail(this.denial(trough, breach), trough, t, worst.neg(), intraTrade());
      }
    }
    if (this.s.days.exit[i] !== this.state.tradingDay && !this.paused && !this.roll(this.s.days.exit[i]))
      return this.book.verdict(this.state);
    return this.realize(realized, t, low);
  }

  /** Intraday trailing: the trade's best open profit raises the high-water mark before its worst loss is marked. */
  private markPeak(best: Decimal): void {
    const peak = this.state.balance.plus(best);
    if (peak.gt(this.state.highWaterMarkIntraday))
      this.state = { ...this.state, highWaterMarkIntraday: peak };
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
      return this.book.fail(this.denial(this.state, 'drawdown'), this.state, t, ZERO, false);
    this.book.point(this.state, t, low);
    return null;
  }

  private entryDenial(t: TradeRecord, q: number): RuleOutcome {
    return this.rules.checkEntry({
      program: this.s.limits,
      state: this.state,
      phase: this.s.phase,
      symbol: t.symbol,
      side: t.side === 'long' ? 'buy' : 'sell',
      quantity: q,
      entryPrice: t.entryPrice,
      stopLoss: t.stopLoss,
      pointValue: this.s.pointValue,
      micro: this.s.micro,
      now: t.entryAt,
      events: this.s.events,
    });
  }

  /** The gate's own denial of the breached state (its reason and details). */
  private denial(state: AccountState, which: 'daily' | 'drawdown') {
    const d =
      which === 'daily'
        ? this.rules.checkDailyLoss(this.s.daily as DailyLossLimit, state, this.s.limits.programId)
        : this.rules.checkMaxLoss(this.s.limits, state);
    const rule = which === 'daily' ? 'DAILY_LOSS_LIMIT' : 'MAX_LOSS_LIMIT';
    return d ?? { rule, reason: `${rule} reached`, details: {} };
  }
}

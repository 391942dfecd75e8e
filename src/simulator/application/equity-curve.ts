import Decimal from 'decimal.js';
import type { AccountState, RuleBook } from '../../risk/application/ports/rule-book.port';
import type { CurvePoint } from '../domain/verdict';
import type { ProgramSetup } from './program-setup';

/** Above this many trades a curve keeps one point per trading day (its close, with the day's low). */
const POINT_PER_TRADE_UP_TO = 2000;

/** A program's equity curve with its drawdown floor and daily-loss line, as the dashboard draws them. */
export class EquityCurve {
  readonly points: CurvePoint[] = [];
  private readonly perDay: boolean;

  constructor(
    private readonly rules: RuleBook,
    private readonly s: ProgramSetup,
    tradeCount: number,
  ) {
    this.perDay = tradeCount > POINT_PER_TRADE_UP_TO;
  }

  /** The equity level at which today's loss reaches the daily limit (start-of-day balance − limit, usually). */
  dailyLine(state: AccountState): Decimal | null {
    if (!this.s.daily) return null;
    const room = this.rules.dailyRoom(this.s.daily, state);
    return state.balance.plus(state.openPnl).minus(room.headroom);
  }

  /** A point at `at` with the state's equity; `low` the lowest equity since the last point. */
  add(state: AccountState, at: Date, low: Decimal): void {
    const equity = state.balance.plus(state.openPnl);
    const dd = this.rules.drawdownRoom(this.s.limits, state);
    const p: CurvePoint = {
      at: at.toISOString(),
      tradingDay: state.tradingDay,
      equity: equity.toNumber(),
      low: Decimal.min(low, equity).toNumber(),
      floor: dd ? dd.dd.floor.toNumber() : null,
      dailyLossLine: this.dailyLine(state)?.toNumber() ?? null,
    };
    const last = this.points[this.points.length - 1];
    if (this.perDay && last && last.tradingDay === p.tradingDay)
      this.points[this.points.length - 1] = { ...p, low: Math.min(last.low, p.low) };
    else this.points.push(p);
  }
}

import Decimal from 'decimal.js';
import type { AccountState, RuleBook } from '../../risk/application/ports/rule-book.port';
import type { ClosestApproach, ProgramVerdict } from '../domain/verdict';
import type { ProgramSetup } from './program-setup';

/** The least room seen before one limit. */
export interface Low {
  room: Decimal;
  limit: Decimal;
  tradingDay: string;
  at: Date;
}

export function lowest(cur: Low | null, room: Decimal, limit: Decimal, tradingDay: string, at: Date): Low {
  return cur && cur.room.lte(room) ? cur : { room, limit, tradingDay, at };
}

export function approach(l: Low | null): ClosestApproach | null {
  return (
    l && {
      room: l.room.toNumber(),
      limit: l.limit.toNumber(),
      tradingDay: l.tradingDay,
      at: l.at.toISOString(),
    }
  );
}

type Summary = Omit<
  ProgramVerdict,
  'failure' | 'maxDrawdownUsedPercent' | 'closest' | 'pauses' | 'skipped' | 'capped' | 'flatBy' | 'curve'
>;

/**
 * The pass conditions, checked as each trading day closes: the profit target reached, the minimum trading days
 * traded, and the program's consistency rule (best day ≤ its share of the profit) where it applies in the phase.
 */
export class PassBook {
  private readonly days = new Set<string>();
  private replayed = 0;
  private minQ: number | null = null;
  private maxQ: number | null = null;
  private worstDay: { day: string; pnl: Decimal; limit: Decimal | null } | null = null;
  private bestDay: { day: string; pnl: Decimal } | null = null;
  private passedOn: string | null = null;
  private blocked = 0;

  constructor(
    private readonly rules: RuleBook,
    private readonly s: ProgramSetup,
  ) {}

  traded(day: string, q: number): void {
    this.days.add(day);
    this.replayed++;
    this.minQ = this.minQ === null ? q : Math.min(this.minQ, q);
    this.maxQ = this.maxQ === null ? q : Math.max(this.maxQ, q);
  }

  closeDay(state: AccountState): boolean {
    if (this.passedOn || !this.days.has(state.tradingDay)) return this.passedOn !== null;
    this.dayResult(state, state.realizedPnlToday);
    const target = this.s.record.profitTarget;
    const profit = state.balance.minus(this.s.limits.accountSize);
    if (target === null || profit.lt(target) || this.days.size < (this.s.record.minTradingDays ?? 0))
      return false;
    if (!this.consistent(profit)) {
      this.blocked++;
      return false;
    }
    this.passedOn = state.tradingDay;
    return true;
  }

  /** The day the account failed on, with its P&L at the breach (realized + open): it counts as a day's result. */
  failedOn(state: AccountState): void {
    if (this.days.has(state.tradingDay)) this.dayResult(state, state.realizedPnlToday.plus(state.openPnl));
  }

  private dayResult(state: AccountState, pnl: Decimal): void {
    if (!this.worstDay || pnl.lt(this.worstDay.pnl)) {
      const limit = this.s.daily ? this.rules.dailyRoom(this.s.daily, state).amount : null;
      this.worstDay = { day: state.tradingDay, pnl, limit };
    }
    if (!this.bestDay || pnl.gt(this.bestDay.pnl)) this.bestDay = { day: state.tradingDay, pnl };
  }

  contracts(state: AccountState) {
    return this.maxQ === null
      ? null
      : { used: this.maxQ, limit: this.rules.contractLimit(this.s.limits, state) };
  }

  summary(state: AccountState): Summary {
    const r = this.s.record;
    const profit = state.balance.minus(this.s.limits.accountSize);
    return {
      programId: r.id,
      firmCode: r.firmCode,
      programName: r.name,
      accountSize: r.accountSize,
      status: this.passedOn ? 'PASSED' : 'NOT_YET',
      passedOn: this.passedOn,
      notYet: this.passedOn ? [] : this.whyNotYet(profit),
      daysTraded: this.days.size,
      minTradingDays: r.minTradingDays ?? null,
      tradesReplayed: this.replayed,
      profit: profit.toNumber(),
      profitTarget: r.profitTarget,
      worstDay: this.worstDay && {
        tradingDay: this.worstDay.day,
        pnl: this.worstDay.pnl.toNumber(),
        dailyLimit: this.worstDay.limit?.toNumber() ?? null,
      },
      bestDay: this.bestDay && { tradingDay: this.bestDay.day, pnl: this.bestDay.pnl.toNumber() },
      consistency: {
        ratio:
          this.bestDay && profit.gt(0) ? this.bestDay.pnl.div(profit).toDecimalPlaces(4).toNumber() : null,
        maxDayFraction: this.rule()?.maxDayFraction ?? null,
        blockedPassDays: this.blocked,
      },
      sizing: { ...this.s.sizing, minQuantity: this.minQ, maxQuantity: this.maxQ },
    };
  }

  private rule() {
    const c = this.s.record.rules.consistency;
    return c && c.appliesTo.includes(this.s.phase) ? c : null;
  }

  /** Best day ≤ f × total profit (or f × the target, on that basis). */
  private consistent(profit: Decimal): boolean {
    const c = this.rule();
    if (!c || !this.bestDay) return true;
    const base = c.basis === 'profit_target' ? new Decimal(this.s.record.profitTarget ?? 0) : profit;
    return this.bestDay.pnl.lte(base.times(c.maxDayFraction));
  }

  private whyNotYet(profit: Decimal): string[] {
    const r = this.s.record;
    const why: string[] = [];
    if (r.profitTarget === null)
      why.push('the program has no profit target (a funded account): nothing to pass');
    else if (profit.lt(r.profitTarget))
      why.push(`profit ${profit.toString()} is below the target of ${r.profitTarget}`);
    const min = r.minTradingDays ?? 0;
    if (this.days.size < min) why.push(`${this.days.size} trading day(s); the program needs ${min}`);
    const c = this.rule();
    if (c && r.profitTarget !== null && profit.gte(r.profitTarget) && !this.consistent(profit))
      why.push(
        `consistency: the best day (${this.bestDay?.pnl.toString()}) is above ${c.maxDayFraction * 100} % of the ${c.basis === 'profit_target' ? 'profit target' : 'profit'}`,
      );
    return why;
  }
}

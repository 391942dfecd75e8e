import { Inject, Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import type { FirmRecord, ProgramRecord } from '../../registry/application/ports/program-catalog.port';
import { freshAccount, rollTo, type AccountState } from '../domain/account-state';
import { contractLimitOf } from '../domain/contract-scaling';
import { evaluateWithFit, type SizeToFit } from '../domain/entry-fit';
import type { RiskEvaluationInput } from '../domain/risk-evaluation';
import { flatBySessionAt, type FlatBySchedule } from '../domain/flat-by';
import { markToMarket, netFill } from '../domain/position-book';
import type { ProgramLimits } from '../domain/program-limits';
import { checkFlatBy } from '../domain/rules/flat-by.rule';
import { checkPerTradeLoss } from '../domain/rules/per-trade-loss.rule';
import { countInMicros, type MicroCount } from '../domain/rules/position-size.rule';
import {
  checkDailyLoss,
  dailyLimitOf,
  dailyLossHeadroom,
  type DailyLossLimit,
} from '../domain/rules/daily-loss.rule';
import { checkMaxLoss, drawdownHeadroom } from '../domain/rules/max-loss.rule';
import {
  firmTradingDayPolicy,
  tradingDayEnd,
  tradingDayOf,
  type TradingDayPolicy,
} from '../domain/trading-day';
import { flatByScheduleOf } from './firm-trading-day';
import { toProgramLimits } from './program-limits.mapper';
import { EntryDecision, EntryProbe, FirmClock, RuleBook } from './ports/rule-book.port';
import { TRADING_DAY_POLICY } from './trading-day-policy.token';

/** The firm's env rules a replay runs under: none (the program's own limits apply). */
const NO_FIRM_RULES: RiskEvaluationInput['rules'] = {
  enabled: true,
  maxPositionSize: null,
  maxRiskPercent: null,
  maxDailyLoss: null,
  tradingWindow: null,
  timezone: 'UTC',
  supportedSymbols: null,
};

/** RuleBook: each method is the risk domain's own function (see the port). */
@Injectable()
export class RuleBookService extends RuleBook {
  constructor(@Inject(TRADING_DAY_POLICY) private readonly fallback: TradingDayPolicy) {
    super();
  }

  limitsOf(program: ProgramRecord): ProgramLimits {
    return toProgramLimits(program);
  }

  clockOf(firm: Pick<FirmRecord, 'tradingDay' | 'flatBy'> | null): FirmClock {
    return {
      policy: firmTradingDayPolicy(firm?.tradingDay, this.fallback),
      flatBy: flatByScheduleOf(firm, this.fallback),
    };
  }

  tradingDayOf(instant: Date, policy: TradingDayPolicy): { day: string; endsAt: Date } {
    const day = tradingDayOf(instant, policy);
    return { day, endsAt: tradingDayEnd(day, policy) };
  }

  session(now: Date, schedule: FlatBySchedule) {
    return flatBySessionAt(now, schedule);
  }

  checkFlatBy(schedule: FlatBySchedule, now: Date) {
    return checkFlatBy(schedule, now);
  }

  freshAccount(program: ProgramLimits, tradingDay: string, now: Date): AccountState {
    return freshAccount(program, tradingDay, now);
  }

  rollTo(state: AccountState, tradingDay: string): AccountState {
    return rollTo(state, tradingDay);
  }

  dailyLimit(program: ProgramLimits): DailyLossLimit | null {
    return dailyLimitOf(null, program);
  }

  dailyRoom(limit: DailyLossLimit, state: AccountState) {
    return dailyLossHeadroom(limit, state);
  }

  drawdownRoom(program: ProgramLimits, state: AccountState) {
    return drawdownHeadroom(program, state);
  }

  checkDailyLoss(limit: DailyLossLimit, state: AccountState, programId: number) {
    return checkDailyLoss({ limit, state, worstCase: null, programId });
  }

  checkMaxLoss(program: ProgramLimits, state: AccountState) {
    return checkMaxLoss({ program, state, worstCase: null });
  }

  checkPerTradeLoss(program: ProgramLimits, worstCase: Decimal | null) {
    return checkPerTradeLoss({ program, worstCase });
  }

  contractLimit(program: ProgramLimits, state: AccountState): number | null {
    return contractLimitOf(program, state).limit;
  }

  gateEntry(p: EntryProbe, fit: SizeToFit | null): EntryDecision {
    const ratio = p.program.microRatio ?? null;
    // a replay trades one contract kind: what is open is of the order's kind
    const micros: MicroCount | null =
      ratio === null ? null : countInMicros(ratio, p.micro, p.state, () => p.micro);
    const input: RiskEvaluationInput = {
      order: {
        firmCode: p.program.firmCode,
        eventType: 'entry',
        symbol: p.symbol,
        side: p.side,
        quantity: p.quantity,
        entryPrice: p.entryPrice,
        stopLoss: p.stopLoss,
        riskPercent: null,
      },
      firm: { code: p.program.firmCode, status: 'active' },
      rules: NO_FIRM_RULES,
      halts: [],
      root: null,
      pointValue: p.pointValue,
      now: p.now,
      accounts: [{ program: p.program, state: p.state, micros, phase: p.phase, pointValue: p.pointValue }],
      staleAfterMs: Infinity,
      flatBy: null,
      events: p.events,
    };
    return evaluateWithFit(input, fit);
  }

  roundTrip(
    fills: readonly { side: 'buy' | 'sell'; quantity: number; price: Decimal }[],
    pointValue: Decimal,
  ) {
    let open = 0;
    let avg: Decimal | null = null;
    let realized = new Decimal(0);
    let worstOpen = new Decimal(0);
    let bestOpen = new Decimal(0);
    let maxQuantity = 0;
    for (const f of fills) {
      const n = netFill(open, avg, { ...f, pointValue });
      realized = realized.plus(n.realized ?? 0);
      open = n.netQuantity;
      avg = n.avgPrice;
      maxQuantity = Math.max(maxQuantity, Math.abs(open));
      // what the account shows between fills: realized so far plus the open position marked at this fill
      const shown = realized.plus(markToMarket(open, avg, f.price, pointValue));
      if (shown.lt(worstOpen)) worstOpen = shown;
      if (shown.gt(bestOpen)) bestOpen = shown;
    }
    return { realized, worstOpen: worstOpen.neg(), bestOpen, maxQuantity, flat: open === 0 };
  }
}

import type {
  AccountState,
  DailyLossLimit,
  RuleBook,
  RuleOutcome,
} from '../../risk/application/ports/rule-book.port';
import type { TradeRecord } from '../domain/trade-record';
import type { ProgramSetup } from './program-setup';
import type { UnitAccount } from './unit-account';

/**
 * The gate's entry rules on trade t at quantity q (RuleBook.checkEntry). With the account in units, an entry of
 * one kind (quantity, symbol, side) that passed today at a P&L passes at any lower one: the rules' outcome changes
 * within a day only with today's P&L, from a threshold up (the consistency cap) — unless news or a per-trade
 * check of the trade's own stop is involved, which are asked every time.
 */
export function entryDenial(
  rules: RuleBook,
  s: ProgramSetup,
  t: TradeRecord,
  q: number,
  state: AccountState,
  units: UnitAccount | null,
): RuleOutcome {
  const kind =
    units && s.events.length === 0 && !(s.limits.perTradeLoss && t.stopLoss)
      ? `${q} ${t.symbol} ${t.side}`
      : null;
  if (kind && units!.entryPasses(kind)) return null;
  const d = rules.checkEntry({
    program: s.limits,
    state: units ? units.state(state) : state,
    phase: s.phase,
    symbol: t.symbol,
    side: t.side === 'long' ? 'buy' : 'sell',
    quantity: q,
    entryPrice: t.entryPrice,
    stopLoss: t.stopLoss,
    pointValue: s.pointValue,
    micro: s.micro,
    now: t.entryAt,
    events: s.events,
  });
  if (d === null && kind) units!.entryPassed(kind);
  return d;
}

/** The gate's own denial of a breached state (its reason and details). */
export function breachDenial(
  rules: RuleBook,
  s: ProgramSetup,
  state: AccountState,
  which: 'daily' | 'drawdown',
) {
  const d =
    which === 'daily'
      ? rules.checkDailyLoss(s.daily as DailyLossLimit, state, s.limits.programId)
      : rules.checkMaxLoss(s.limits, state);
  const rule = which === 'daily' ? 'DAILY_LOSS_LIMIT' : 'MAX_LOSS_LIMIT';
  return d ?? { rule, reason: `${rule} reached`, details: {} };
}

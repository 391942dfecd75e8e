import type {
  AccountState,
  DailyLossLimit,
  EntryProbe,
  ProgramLimits,
  RuleBook,
  SizeToFit,
} from '../../risk/application/ports/rule-book.port';
import type { TradeRecord } from '../domain/trade-record';
import type { ProgramSetup, Refusal } from './program-setup';
import type { UnitAccount } from './unit-account';
import type { VerdictBook } from './verdict-book';

/** The gate's answer to an entry as the replay takes it: refused, or taken at `quantity` (below the ask: capped). */
export type EntryAnswer =
  | { refused: { rule: string; reason: string } }
  | { refused: null; quantity: number; cappedBy: string | null };

/** What admitting a trade on a program reads: the replay's account and its book. */
export interface Admission {
  rules: RuleBook;
  s: ProgramSetup;
  book: VerdictBook;
  state: AccountState;
  units: UnitAccount | null;
  /** The soft daily loss paused the day. */
  paused: boolean;
  fit: SizeToFit | null;
}

/**
 * Trade i at its sized quantity (or sizing's refusal): the day's pause, the firm's flat-by, then the live gate's
 * answer. The quantity taken (below `q`: sized down, noted as capped), or null when refused (noted as skipped).
 */
export function admitted(a: Admission, t: TradeRecord, i: number, q: number | Refusal): number | null {
  const refused = a.paused
    ? { rule: 'DAILY_LOSS_LIMIT', reason: 'the day is paused: the soft daily loss limit was reached' }
    : (a.s.flatBy?.denials[i] ?? (typeof q !== 'number' ? q : null));
  const answer: EntryAnswer = refused
    ? { refused }
    : a.s.entryRules
      ? entryAnswer(a.rules, a.s, t, i, q as number, a.state, a.units, a.fit)
      : { refused: null, quantity: q as number, cappedBy: null };
  if (answer.refused) {
    const { rule, reason } = answer.refused;
    a.book.skip({ trade: t.ref, at: t.entryAt.toISOString(), rule, reason });
    return null;
  }
  if (answer.quantity < (q as number)) a.book.capped(t, q as number, answer.quantity, answer.cappedBy!);
  return answer.quantity;
}

/**
 * The rules whose cap of an entry is the same all day (contract limit by the day's tier, risk percent, per-trade):
 * an entry they sized down is sized down alike at another P&L of the day while its stop-out fits the loss rooms.
 */
/** Quantities an entry kind is remembered at (a kind is kinds[i] × KINDS + quantity). */
const KINDS = 65_536;

const DAY_CAPS = new Set(['MAX_POSITION_SIZE', 'MAX_RISK_PERCENT', 'PER_TRADE_LOSS_LIMIT']);
/** The loss rooms' caps: an entry they sized down is sized alike while the same room still binds at that quantity. */
const LOSS_CAPS = new Set(['DAILY_LOSS_LIMIT', 'MAX_LOSS_LIMIT']);

/**
 * The live gate's decision on trade i at quantity q (RuleBook.gateEntry; with `fit`, size to fit). With the
 * account in units, an entry of one kind (quantity, symbol, side, stop distance) the gate answered today at a P&L
 * is answered alike at any lower one (at any P&L without a consistency rule) while its stop-out stays inside the
 * daily-loss and drawdown rooms (compared in units, the rooms' own measure on a day: equity minus a fixed line):
 * within a day the rules' outcome changes only with today's P&L — the consistency cap refuses from a threshold up,
 * the loss rooms from a threshold down — unless news is involved, which is asked every time. Anything else is
 * asked of the gate on the decimal state.
 */
export function entryAnswer(
  rules: RuleBook,
  s: ProgramSetup,
  t: TradeRecord,
  i: number,
  q: number,
  state: AccountState,
  units: UnitAccount | null,
  fit: SizeToFit | null,
): EntryAnswer {
  const stopUnits = s.stops.prices[i] === null ? null : (s.stops.units?.[i] ?? NaN);
  const kind =
    units && s.events.length === 0 && !Number.isNaN(stopUnits) && q < KINDS
      ? s.stops.kinds[i] * KINDS + q
      : null;
  if (kind !== null) {
    const known = units!.entryAnswer(kind, s.limits.consistency != null);
    if (known && units!.stillAnswers(known, stopUnits))
      return { refused: null, quantity: known.quantity, cappedBy: known.cappedBy };
  }
  const d = rules.gateEntry(probeOf(s, t, i, q, units ? units.state(state) : state), fit);
  if (d.denial) return { refused: { rule: d.denial.rule, reason: d.denial.reason } };
  const quantity = d.fitted?.quantity ?? q;
  const cappedBy = d.fitted?.rule ?? null;
  if (kind !== null && (cappedBy === null || DAY_CAPS.has(cappedBy) || LOSS_CAPS.has(cappedBy)))
    units!.entryAnswered(kind, quantity, cappedBy);
  return { refused: null, quantity, cappedBy };
}

/** Trade i's entry at quantity q as the gate sees it, on `state`. */
function probeOf(s: ProgramSetup, t: TradeRecord, i: number, q: number, state: AccountState): EntryProbe {
  return {
    program: s.stops.prices[i] === null ? withoutPerTrade(s.limits) : s.limits,
    state,
    phase: s.phase,
    symbol: t.symbol,
    side: t.side === 'long' ? 'buy' : 'sell',
    quantity: q,
    entryPrice: t.entryPrice,
    stopLoss: s.stops.prices[i],
    pointValue: s.pointValues.get(t.symbol) ?? s.pointValue,
    micro: s.micro,
    now: t.entryAt,
    events: s.events,
  };
}

const noPerTrade = new WeakMap<ProgramLimits, ProgramLimits>();

/**
 * The program's limits for an entry without a stop: live, a per-trade loss limit refuses it (its worst case is
 * unknown); the replay knows each trade's worst open loss and checks that against the limit instead (trade()).
 */
function withoutPerTrade(limits: ProgramLimits): ProgramLimits {
  if (!limits.perTradeLoss) return limits;
  let l = noPerTrade.get(limits);
  if (!l) noPerTrade.set(limits, (l = { ...limits, perTradeLoss: null }));
  return l;
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

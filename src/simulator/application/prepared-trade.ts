import Decimal from 'decimal.js';
import type {
  FlatBySchedule,
  RuleBook,
  RuleOutcome,
  TradingDayPolicy,
} from '../../risk/application/ports/rule-book.port';
import type { TradeRecord } from '../domain/trade-record';

/** A trade's money at one point value: as traded and per contract (exact; a per-contract share divides). */
export interface TradeMoney {
  /** Realized P&L as traded. */
  pnl: Decimal;
  /** Worst open loss as traded (≥ 0): the file's drawdown or the fills', whichever is deeper, never above the exit loss's. */
  worst: Decimal;
  /** Best open profit as traded (≥ 0). */
  best: Decimal;
  perContract: { pnl: Decimal; worst: Decimal; best: Decimal };
}

/** The money of every trade valued at `pointValue`, the position netted as the account state nets fills. */
export function valueTrades(
  trades: readonly TradeRecord[],
  pointValue: Decimal,
  rules: RuleBook,
): TradeMoney[] {
  return trades.map((t) => {
    const trip = rules.roundTrip(t.fills, pointValue);
    const lossAtExit = Decimal.max(0, trip.realized.neg());
    const worst = Decimal.max(trip.worstOpen, lossAtExit, t.drawdown ?? 0);
    const best = Decimal.max(trip.bestOpen, trip.realized, t.runUp ?? 0);
    const q = t.quantity;
    return {
      pnl: trip.realized,
      worst,
      best,
      perContract: { pnl: trip.realized.div(q), worst: worst.div(q), best: best.div(q) },
    };
  });
}

/** Each trade's trading day under one firm's trading-day policy (entry day; exits may fall on a later one). */
export interface TradeDays {
  entry: string[];
  exit: string[];
}

/**
 * Trading days by the risk context's own function, asked once per day rather than per trade: every instant
 * from one whose day is D until D ends belongs to D (an instant before it is asked again).
 */
export function tradeDays(
  trades: readonly TradeRecord[],
  policy: TradingDayPolicy,
  rules: RuleBook,
): TradeDays {
  let from = Infinity;
  let until = -Infinity;
  let day = '';
  // entries and exits in one walk: an exit mostly falls in its entry's day
  const dayOf = (at: Date) => {
    const t = at.getTime();
    if (t < from || t >= until) {
      const d = rules.tradingDayOf(at, policy);
      [day, from, until] = [d.day, t, d.endsAt.getTime()];
    }
    return day;
  };
  const entry: string[] = [];
  const exit: string[] = [];
  for (const t of trades) {
    entry.push(dayOf(t.entryAt));
    exit.push(dayOf(t.exitAt));
  }
  return { entry, exit };
}

/** A firm's flat-by against each trade: the entry's FLAT_BY denial, and the flat-by a trade is still open at. */
export interface FlatByMarks {
  /** The FLAT_BY denial of each entry (null: entries open). */
  denials: RuleOutcome[];
  /** The flat-by instant of the entry's session when the trade exits after it (held past the flat-by), else null. */
  heldPast: (Date | null)[];
}

/**
 * The FLAT_BY marks of each trade under one firm's schedule, from the risk context's session and rule: a session
 * answers for every instant of its window (open until its flat-by, closed until it reopens), so they are asked
 * once per window, not per trade.
 */
export function flatByMarks(
  trades: readonly TradeRecord[],
  schedule: FlatBySchedule,
  rules: RuleBook,
): FlatByMarks {
  let from = Infinity;
  let until = -Infinity;
  let denial: RuleOutcome = null;
  let flatByAt: Date | null = null;
  const denials: RuleOutcome[] = [];
  const heldPast: (Date | null)[] = [];
  for (const t of trades) {
    const at = t.entryAt.getTime();
    if (at < from || at >= until) {
      const s = rules.session(t.entryAt, schedule);
      from = at;
      until = s.open ? s.flatByAt.getTime() : s.reopensAt.getTime();
      denial = s.open ? null : rules.checkFlatBy(schedule, t.entryAt);
      flatByAt = s.open ? s.flatByAt : null;
    }
    denials.push(denial);
    heldPast.push(flatByAt && t.exitAt > flatByAt ? flatByAt : null);
  }
  return { denials, heldPast };
}

/** Each trade's stop as the gate sees the entry (index-aligned with the trades). */
export interface TradeStops {
  /** The stop price: the trade's own, else (a risk-sized run) `stop_points` from the entry; null without one. */
  prices: (Decimal | null)[];
  /** Whether any trade has a stop. */
  any: boolean;
  /** Each trade's kind of entry: one number per distinct (symbol, side, stop distance). */
  kinds: Int32Array;
  /** One contract's stop-out (distance × point value) in money units; NaN when it is not a whole number of them. */
  units: Float64Array | null;
}

/**
 * The stops the gate checks each entry's stop-out with: a re-sized run's (the distance its sizing used:
 * `distances`) or the trades' own.
 */
export function tradeStops(
  trades: readonly TradeRecord[],
  distances: readonly Decimal[] | null,
  pointValueOf: (symbol: string) => Decimal,
  scale: { units(d: Decimal): number | null } | null,
): TradeStops {
  const prices = trades.map((t, i) => {
    if (t.stopLoss || !distances) return t.stopLoss;
    return t.side === 'long' ? t.entryPrice.minus(distances[i]) : t.entryPrice.plus(distances[i]);
  });
  const gaps = prices.map((p, i) => (p === null ? null : trades[i].entryPrice.minus(p).abs()));
  return {
    prices,
    any: prices.some((p) => p !== null),
    kinds: kindsOf(trades, gaps),
    units: scale
      ? Float64Array.from(gaps, (d, i) =>
          d === null ? NaN : (scale.units(d.times(pointValueOf(trades[i].symbol))) ?? NaN),
        )
      : null,
  };
}

function kindsOf(trades: readonly TradeRecord[], gaps: readonly (Decimal | null)[]): Int32Array {
  const ids = new Map<string, number>();
  return Int32Array.from(trades, (t, i) => {
    const key = `${t.symbol} ${t.side} ${gaps[i]?.toString() ?? ''}`;
    let id = ids.get(key);
    if (id === undefined) ids.set(key, (id = ids.size));
    return id;
  });
}

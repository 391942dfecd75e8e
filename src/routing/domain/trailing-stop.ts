import Decimal from 'decimal.js';
import type { Side } from './signal';
import { MAX_PRICE, present, Problems, readNumber } from './signal-fields';
import type { ContractFacts } from './relative-exit';

/** TradersPost's trailing stop loss units: a price distance, or a percent of the entry price. */
const TRAIL_UNITS = ['trailAmount', 'trailPercent'] as const;
/** Fields of a `stopLoss` object that mean something else than a trailing distance. */
const OTHER_UNITS = [
  'stopPrice',
  'limitPrice',
  'amount',
  'points',
  'ticks',
  'percent',
  'pnlAmount',
  'dollars',
];

export interface TrailingInput {
  spec: Record<string, unknown>;
  side: Side;
  entry: number | null;
  symbol: string;
  contract: ContractFacts | null;
}

export interface TrailingStop {
  /** Where the stop starts: the entry less the distance (a buy), plus it (a sell); what sizing and risk use. */
  stop_loss: number;
  /** How far the stop trails the market, as a price distance (points), on the contract's tick grid. */
  trail_distance: number;
}

/**
 * `stopLoss: {"type":"trailing_stop","trailAmount":10}` (or `"trailPercent":0.5`): a stop that follows the
 * market at that distance. Its initial stop price (entry ∓ distance) is the trade's risk, exactly as a fixed
 * stop's; the distance is put on the contract's tick grid (the nearest tick, at least one) when the contract
 * is known. Undefined after naming the problem.
 */
export function trailingStop(i: TrailingInput, problems: Problems): TrailingStop | undefined {
  const given = TRAIL_UNITS.filter((u) => present(i.spec[u]));
  const others = OTHER_UNITS.filter((u) => present(i.spec[u]));
  if (given.length !== 1 || others.length > 0) {
    problems.push(
      `stopLoss: a trailing_stop takes exactly one of trailAmount (a price distance) or trailPercent (a percent of the entry)` +
        (others.length > 0 ? `, not ${others.join(', ')}` : ''),
    );
    return undefined;
  }
  const unit = given[0];
  const field = `stopLoss.${unit}`;
  const value = readNumber(i.spec[unit], field, problems);
  if (value === undefined) return undefined;
  if (!(value > 0) || value > MAX_PRICE) {
    problems.push(`${field}: must be a positive number up to ${MAX_PRICE}`);
    return undefined;
  }
  if (i.entry === null) {
    problems.push(`${field}: a trailing stop needs the entry price (price or entry_price, e.g. "{{close}}")`);
    return undefined;
  }
  const entry = new Decimal(i.entry);
  let distance = unit === 'trailAmount' ? new Decimal(value) : entry.times(value).dividedBy(100);
  if (i.contract) {
    const tick = new Decimal(i.contract.tickSize);
    distance = Decimal.max(tick, distance.toNearest(tick));
  }
  const stop = i.side === 'buy' ? entry.minus(distance) : entry.plus(distance);
  if (stop.lte(0)) {
    problems.push(`${field}: puts the stop at ${stop.toString()}, at or below zero`);
    return undefined;
  }
  return { stop_loss: stop.toNumber(), trail_distance: distance.toNumber() };
}

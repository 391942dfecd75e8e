import Decimal from 'decimal.js';
import type { Side } from './signal';
import { MAX_PRICE, present, Problems, readNumber } from './signal-fields';

/** What a relative stop or target needs of the alert's contract (the sizing context's spec table). */
export interface ContractFacts {
  tickSize: number;
  pointValue: number;
}

export type ExitLeg = 'stopLoss' | 'takeProfit';

/**
 * Relative units a `stopLoss`/`takeProfit` object may give instead of a price (TradersPost's `amount` and
 * `percent`, and the units traders write in other tools): `amount` and `points` are a price offset from the
 * entry; `ticks` are that many of the contract's ticks; `percent` is a percent of the entry price (1 = 1 %);
 * `pnlAmount` is a dollar loss (or gain) for the whole position, as TradersPost defines it: divided by the
 * alert's quantity and the contract's point value (so it needs both); `dollars` is a dollar loss (or gain)
 * per contract, divided by the contract's point value.
 */
export const RELATIVE_UNITS = ['amount', 'points', 'ticks', 'percent', 'pnlAmount', 'dollars'] as const;
type Unit = (typeof RELATIVE_UNITS)[number];

export interface RelativeExitInput {
  leg: ExitLeg;
  spec: Record<string, unknown>;
  side: Side;
  entry: number | null;
  symbol: string;
  contract: ContractFacts | null;
  /** The alert's quantity (null when each account's sizing decides it). */
  quantity: number | null;
}

/**
 * The absolute price of a relative stop or target, in exact decimal: below the entry for a buy's stop and
 * a sell's target, above it otherwise; on the contract's tick grid (the nearest tick) when the contract is
 * known. Undefined after naming the problem (no unit, two units, no entry price, unknown contract, ≤ 0).
 */
export function relativeExitPrice(i: RelativeExitInput, problems: Problems): number | undefined {
  const unit = oneUnit(i, problems);
  if (unit === undefined) return undefined;
  const field = `${i.leg}.${unit}`;
  const value = readNumber(i.spec[unit], field, problems);
  if (value === undefined) return undefined;
  if (!(value > 0) || value > MAX_PRICE) {
    problems.push(`${field}: must be a positive number up to ${MAX_PRICE}`);
    return undefined;
  }
  if (i.entry === null) {
    problems.push(
      `${field}: a relative ${kind(i.leg)} needs the entry price (price or entry_price, e.g. "{{close}}")`,
    );
    return undefined;
  }
  if ((unit === 'ticks' || unit === 'pnlAmount' || unit === 'dollars') && i.contract === null) {
    problems.push(
      `${field}: "${i.symbol}" is not a known futures contract, so its ${unit === 'ticks' ? 'tick size' : 'point value'} is unknown: give points or a price`,
    );
    return undefined;
  }
  if (unit === 'pnlAmount' && i.quantity === null) {
    problems.push(
      `${field}: a dollar amount for the whole position, spread over the alert's quantity: give quantity (or contracts, qty), or a stop in ticks, points or a price`,
    );
    return undefined;
  }
  const entry = new Decimal(i.entry);
  const away = i.leg === 'stopLoss' ? i.side === 'sell' : i.side === 'buy';
  let price = away ? entry.plus(offset(unit, value, entry, i)) : entry.minus(offset(unit, value, entry, i));
  if (i.contract) price = price.toNearest(i.contract.tickSize);
  if (price.lte(0)) {
    problems.push(`${field}: puts the ${kind(i.leg)} at ${price.toString()}, at or below zero`);
    return undefined;
  }
  return price.toNumber();
}

/** The one relative unit the object gives; undefined after naming the problem (none, or several). */
function oneUnit(i: RelativeExitInput, problems: Problems): Unit | undefined {
  const given = RELATIVE_UNITS.filter((u) => present(i.spec[u]));
  if (given.length === 1) return given[0];
  const absolute = i.leg === 'stopLoss' ? 'stopPrice' : 'limitPrice';
  problems.push(
    given.length === 0
      ? `${i.leg}: needs ${absolute}, or one of ${RELATIVE_UNITS.join(', ')}`
      : `${i.leg}: give one of ${given.join(', ')}, not several`,
  );
  return undefined;
}

function offset(unit: Unit, value: number, entry: Decimal, i: RelativeExitInput): Decimal {
  const v = new Decimal(value);
  const contract = i.contract;
  switch (unit) {
    case 'amount':
    case 'points':
      return v;
    case 'ticks':
      return v.times((contract as ContractFacts).tickSize);
    case 'percent':
      return entry.times(v).dividedBy(100);
    case 'pnlAmount':
      return v.dividedBy(new Decimal((contract as ContractFacts).pointValue).times(i.quantity as number));
    case 'dollars':
      return v.dividedBy((contract as ContractFacts).pointValue);
  }
}

function kind(leg: ExitLeg): string {
  return leg === 'stopLoss' ? 'stop' : 'target';
}

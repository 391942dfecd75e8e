import Decimal from 'decimal.js';
import { ConnectorError } from '../../domain/connector-errors';
import { fromUnits, roundHalfUp, wholeUnits } from '../../domain/tick-grid';
import { PX_TYPE, type ProjectXBracket } from './projectx.types';

export type BracketKind = 'stop_loss' | 'take_profit';

/**
 * ProjectX brackets are distances in ticks from the fill, not prices: ticks = |price − entry| / tickSize,
 * computed in decimal and rounded to the nearest whole tick, never less than one.
 *
 * The sign: the docs show only positive examples; several public clients sign the ticks by direction —
 * for a long the stop loss is negative (below) and the take profit positive (above), reversed for a short
 * (UNCERTAIN in ../shared/reference/platform-apis.md). We follow the clients, since an unsigned stop on a
 * short would otherwise sit on the wrong side of the fill. A level on the wrong side of the entry (a long's
 * stop above it) is refused before anything is sent.
 */
export function bracketTicks(
  kind: BracketKind,
  side: 'BUY' | 'SELL',
  entry: number,
  price: number,
  tickSize: number,
): number {
  if (!(tickSize > 0))
    throw ConnectorError.rejected(`ProjectX: contract has no usable tick size (${tickSize})`);
  const below = kind === 'stop_loss' ? side === 'BUY' : side === 'SELL';
  const { sign, ticks } = tickDistance(entry, price, tickSize);
  if (below ? sign > 0 : sign < 0) {
    const where = below ? 'below' : 'above';
    throw ConnectorError.rejected(
      `ProjectX: ${kind} ${price} must be ${where} the entry ${entry} for a ${side}`,
    );
  }
  return below ? -ticks : ticks;
}

/** The sign of price − entry and its size in whole ticks (nearest, a half up, at least one), exactly. */
function tickDistance(entry: number, price: number, tickSize: number): { sign: number; ticks: number } {
  const scaled = wholeUnits([price, entry, tickSize]);
  if (scaled) {
    const [p, e, tick] = scaled.units;
    const units = p - e;
    if (Number.isSafeInteger(units))
      return { sign: Math.sign(units), ticks: Math.max(1, roundHalfUp(Math.abs(units), tick)) };
  }
  const distance = new Decimal(price).minus(entry);
  const ticks = Decimal.max(1, distance.abs().div(tickSize).toDecimalPlaces(0, Decimal.ROUND_HALF_UP));
  return { sign: distance.gt(0) ? 1 : distance.lt(0) ? -1 : 0, ticks: ticks.toNumber() };
}

/**
 * The stop loss bracket: a Stop (type 4), or with `trailing` a TrailingStop (type 5) whose ticks are both
 * where it starts and how far it trails the market (the distance from the entry is the trail distance).
 */
export function stopLossBracket(
  side: 'BUY' | 'SELL',
  entry: number,
  price: number,
  tickSize: number,
  trailing = false,
): ProjectXBracket {
  return {
    ticks: bracketTicks('stop_loss', side, entry, price, tickSize),
    type: trailing ? PX_TYPE.TrailingStop : PX_TYPE.Stop,
  };
}

export function takeProfitBracket(
  side: 'BUY' | 'SELL',
  entry: number,
  price: number,
  tickSize: number,
): ProjectXBracket {
  return { ticks: bracketTicks('take_profit', side, entry, price, tickSize), type: PX_TYPE.Limit };
}

/** A price on the tick grid (nearest tick, a half away from zero), as a JSON number; exact (see tick-grid). */
export function onTick(price: number, tickSize: number): number {
  const scaled = price > 0 && tickSize > 0 ? wholeUnits([price, tickSize]) : null;
  if (scaled) {
    const [units, tickUnits] = scaled.units;
    const onGrid = roundHalfUp(units, tickUnits) * tickUnits;
    if (Number.isSafeInteger(onGrid)) return fromUnits(onGrid, scaled.places);
  }
  const tick = new Decimal(tickSize);
  return new Decimal(price).div(tick).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).mul(tick).toNumber();
}

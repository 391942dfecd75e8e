import Decimal from 'decimal.js';
import type { TradeMoney } from './prepared-trade';

/** Most decimal places a scale takes: 10⁻⁸ (a share of a cent per contract that goes further does not scale). */
const MAX_PLACES = 8;
/** Integers a double holds exactly, with room for every sum a replay makes of them. */
const SAFE = 2 ** 52;
/** The largest quantity a per-contract amount is multiplied by in units (above it: decimals). */
export const MAX_QUANTITY = 4096;

/**
 * Money as whole counts of one unit, 10⁻ᵏ (k the most decimal places any amount has): sums and comparisons of
 * such counts in doubles are exact integers while they stay below 2⁵³. A replay adds and compares these in its
 * inner loop and turns them back into decimals (exactly) at the edges; whatever does not fit is left to decimal.js.
 */
export class MoneyScale {
  readonly unit: Decimal;
  private readonly perUnit: Decimal;

  constructor(readonly places: number) {
    this.perUnit = new Decimal(10).pow(places);
    this.unit = new Decimal(1).div(this.perUnit);
  }

  /** The amount in units; null when it is not a whole number of them or too large to stay exact. */
  units(d: Decimal): number | null {
    const u = this.places === 0 ? d : d.times(this.perUnit);
    if (!u.isInteger()) return null;
    const n = u.toNumber();
    return Math.abs(n) <= SAFE ? n : null;
  }

  /** Whether an amount of this size, in units, stays in the exact range. */
  fits(d: Decimal): boolean {
    return d.abs().times(this.perUnit).lte(SAFE);
  }

  decimal(units: number): Decimal {
    return this.places === 0 ? new Decimal(units) : new Decimal(units).div(this.perUnit);
  }
}

/** Each trade's money in units of `scale`, index-aligned with the trades (as traded and per contract). */
export interface ScaledMoney {
  scale: MoneyScale;
  pnl: Float64Array;
  worst: Float64Array;
  best: Float64Array;
  /** Per contract; null when a per-contract share has more places than a scale takes (a re-sized replay then uses decimals). */
  perContract: { pnl: Float64Array; worst: Float64Array; best: Float64Array } | null;
}

/**
 * The trades' money in units, or null when an amount has more than 8 decimal places or the amounts together
 * (every trade's P&L and worst open loss, and `headroom`: the account sizes and limits) could leave the exact
 * range of a double.
 */
export function scaleMoney(money: readonly TradeMoney[], headroom: Decimal): ScaledMoney | null {
  const asTraded = placesOf(money, (m) => [m.pnl, m.worst, m.best]);
  if (asTraded > MAX_PLACES) return null;
  const perContractPlaces = placesOf(money, (m) => [
    m.perContract.pnl,
    m.perContract.worst,
    m.perContract.best,
  ]);
  const withPerContract = perContractPlaces <= MAX_PLACES;
  const scale = new MoneyScale(withPerContract ? Math.max(asTraded, perContractPlaces) : asTraded);
  let total = headroom.abs();
  for (const m of money) total = total.plus(m.pnl.abs()).plus(m.worst).plus(m.best);
  // a re-sized replay multiplies per-contract amounts by quantities: keep a factor of 2¹² (4,096 contracts) spare
  if (!scale.fits(total.times(MAX_QUANTITY))) return null;
  const column = (pick: (m: TradeMoney) => Decimal) => Float64Array.from(money, (m) => scale.units(pick(m))!);
  return {
    scale,
    pnl: column((m) => m.pnl),
    worst: column((m) => m.worst),
    best: column((m) => m.best),
    perContract: withPerContract
      ? {
          pnl: column((m) => m.perContract.pnl),
          worst: column((m) => m.perContract.worst),
          best: column((m) => m.perContract.best),
        }
      : null,
  };
}

function placesOf(money: readonly TradeMoney[], pick: (m: TradeMoney) => Decimal[]): number {
  let places = 0;
  for (const m of money) for (const d of pick(m)) places = Math.max(places, d.decimalPlaces());
  return places;
}

/** Trade i's [P&L, worst open loss, best open profit] in units at quantity q; null when they do not fit. */
export function unitAmounts(
  m: ScaledMoney,
  i: number,
  q: number,
  asTraded: boolean,
): [number, number, number] | null {
  if (asTraded) return [m.pnl[i], m.worst[i], m.best[i]];
  const c = m.perContract;
  if (!c || q > MAX_QUANTITY) return null;
  return [c.pnl[i] * q, c.worst[i] * q, c.best[i] * q];
}

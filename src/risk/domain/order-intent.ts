import type Decimal from 'decimal.js';

/** The order a signal would send to one firm, as the rules see it. */
export interface OrderIntent {
  firmCode: string;
  /** The trading account the order is for; null (or absent): the firm-level state of an `env:` account. */
  accountId?: number | null;
  eventType: 'entry' | 'exit';
  symbol: string;
  side: 'buy' | 'sell';
  quantity: number | null;
  entryPrice: Decimal | null;
  stopLoss: Decimal | null;
  riskPercent: Decimal | null;
}

/**
 * Worst case of an order if its stop is hit: quantity × |entry − stop| × point value.
 * Null when any of them is unknown (the rules then check only the current state).
 */
export function worstCaseLoss(order: OrderIntent, pointValue: Decimal | null): Decimal | null {
  if (
    order.quantity === null ||
    order.entryPrice === null ||
    order.stopLoss === null ||
    pointValue === null
  ) {
    return null;
  }
  return order.entryPrice.minus(order.stopLoss).abs().times(order.quantity).times(pointValue);
}

/** `worstCaseLoss` of one order at each key's point value, each valued once however often it is asked for. */
export function worstCaseOnce<K>(
  order: OrderIntent,
  pointValueOf: (key: K) => Decimal | null,
): (key: K) => Decimal | null {
  const valued = new Map<K, Decimal | null>();
  return (key) => {
    let w = valued.get(key);
    if (w === undefined) {
      w = worstCaseLoss(order, pointValueOf(key));
      valued.set(key, w);
    }
    return w;
  };
}

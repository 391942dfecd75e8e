import type { PlatformPosition, PlatformWorkingOrder } from '../../shared-kernel/platform-state';

type Side = 'BUY' | 'SELL';

/** One open position to close with a market order the other way. */
export interface PositionClose {
  symbol: string;
  /** Signed net quantity held: long > 0, short < 0. */
  netQuantity: number;
  /** The side that opened it (what the exit request calls the entry side). */
  heldSide: Side;
  quantity: number;
}

/** What flattening an account means at its platform now: its working orders to cancel, its positions to close. */
export interface FlattenPlan {
  cancels: PlatformWorkingOrder[];
  closes: PositionClose[];
}

/**
 * The plan from one read of the account. Working orders are cancelled before positions are closed, so no
 * stop or target fills against a position being closed, and no resting entry opens a new one afterwards.
 */
export function planFlatten(positions: PlatformPosition[], working: PlatformWorkingOrder[]): FlattenPlan {
  return {
    cancels: [...working],
    closes: positions
      .filter((p) => p.netQuantity !== 0)
      .map((p) => ({
        symbol: p.symbol,
        netQuantity: p.netQuantity,
        heldSide: p.netQuantity > 0 ? 'BUY' : 'SELL',
        quantity: Math.abs(p.netQuantity),
      })),
  };
}

export function isNothingToDo(plan: FlattenPlan): boolean {
  return plan.cancels.length === 0 && plan.closes.length === 0;
}

/** Every flatten order's client order id starts so (orders, platform order lists, logs). */
export const FLATTEN_ORDER_PREFIX = 'prf';

/**
 * The closing order's client order id: one per flatten and contract (a flatten's record id is never reused;
 * its time keeps ids unique across database resets). Only letters, digits, dots and dashes, at most 64.
 */
export function flattenOrderId(flattenId: number, at: Date, symbol: string): string {
  const safe = symbol.replace(/[^A-Za-z0-9.]/g, '_');
  return `${FLATTEN_ORDER_PREFIX}${flattenId}-${at.getTime().toString(36)}-${safe}`.slice(0, 64);
}

/** One step's result: ok, or what went wrong in words. */
export type StepResult = { ok: true } | { ok: false; error: string };

export interface FlattenConclusion {
  status: 'FLAT' | 'FAILED';
  closed: { symbol: string; quantity: number }[];
  cancelledOrders: number;
  error: string | null;
}

/**
 * What the platform's answers come to. A failed step is forgiven when a read after the steps shows the
 * account flat anyway (an order that filled or was cancelled by its OCO sibling meanwhile cannot be
 * cancelled, yet nothing is left working): `after` is that read, null when none was made or it failed.
 */
export function concludeFlatten(
  plan: FlattenPlan,
  cancels: StepResult[],
  closes: StepResult[],
  after: FlattenPlan | null,
): FlattenConclusion {
  const closed = plan.closes
    .filter((_, i) => closes[i].ok)
    .map((c) => ({ symbol: c.symbol, quantity: c.netQuantity }));
  const cancelledOrders = cancels.filter((c) => c.ok).length;
  const errors = [
    ...plan.cancels.flatMap((o, i) => failure(cancels[i], `cancel ${o.symbol} order ${o.orderId}`)),
    ...plan.closes.flatMap((c, i) => failure(closes[i], `close ${c.symbol} ${c.netQuantity}`)),
  ];
  if (errors.length === 0 || (after !== null && isNothingToDo(after)))
    return { status: 'FLAT', closed, cancelledOrders, error: null };
  const left = after === null ? '' : `; still open: ${describe(after)}`;
  return { status: 'FAILED', closed, cancelledOrders, error: `${errors.join('; ')}${left}` };
}

function failure(r: StepResult, what: string): string[] {
  return r.ok ? [] : [`${what}: ${r.error}`];
}

/** "MNQZ5 +2, ES -1; 1 working order" */
export function describe(plan: FlattenPlan): string {
  const positions = plan.closes.map((c) => `${c.symbol} ${c.netQuantity > 0 ? '+' : ''}${c.netQuantity}`);
  const n = plan.cancels.length;
  const orders = n === 0 ? [] : [`${n} working order${n === 1 ? '' : 's'}`];
  return [...positions, ...orders].join(', ') || 'nothing';
}

import type { PlatformPosition, PlatformWorkingOrder } from '../../shared-kernel/platform-state';
import {
  concludeFlatten,
  describe as describePlan,
  flattenOrderId,
  isNothingToDo,
  planFlatten,
} from './flatten-plan';

const position = (symbol: string, netQuantity: number): PlatformPosition => ({
  symbol,
  netQuantity,
  averagePrice: null,
});
const order = (orderId: string, symbol = 'MNQZ5'): PlatformWorkingOrder => ({
  orderId,
  clientOrderId: null,
  symbol,
  side: 'SELL',
  quantity: 1,
  type: 'STOP',
  stopPrice: '20990',
  limitPrice: null,
});
const ok = { ok: true } as const;
const no = (error: string) => ({ ok: false, error }) as const;

describe('planFlatten', () => {
  it('closes every non-zero position the other way and cancels every working order', () => {
    const plan = planFlatten([position('MNQZ5', 2), position('ESZ5', -1), position('CLZ5', 0)], [order('7')]);
    expect(plan.closes).toEqual([
      { symbol: 'MNQZ5', netQuantity: 2, heldSide: 'BUY', quantity: 2 },
      { symbol: 'ESZ5', netQuantity: -1, heldSide: 'SELL', quantity: 1 },
    ]);
    expect(plan.cancels.map((o) => o.orderId)).toEqual(['7']);
    expect(isNothingToDo(plan)).toBe(false);
    expect(describePlan(plan)).toBe('MNQZ5 +2, ESZ5 -1, 1 working order');
  });
  it('a zero position and no working order is nothing to do', () => {
    const plan = planFlatten([position('MNQZ5', 0)], []);
    expect(isNothingToDo(plan)).toBe(true);
    expect(describePlan(plan)).toBe('nothing');
  });
  it('a working order alone (no position) is still something to do', () => {
    expect(isNothingToDo(planFlatten([], [order('9')]))).toBe(false);
  });
});

describe('concludeFlatten', () => {
  const plan = planFlatten([position('MNQZ5', 2), position('ESZ5', -1)], [order('7'), order('8')]);
  it('every step answered: FLAT, everything closed, no read needed', () => {
    expect(concludeFlatten(plan, [ok, ok], [ok, ok], null)).toEqual({
      status: 'FLAT',
      closed: [
        { symbol: 'MNQZ5', quantity: 2 },
        { symbol: 'ESZ5', quantity: -1 },
      ],
      cancelledOrders: 2,
      error: null,
    });
  });
  it('a cancel refused while the read after shows nothing left (its OCO sibling took it): FLAT', () => {
    const c = concludeFlatten(plan, [ok, no('FAILED: order not working')], [ok, ok], planFlatten([], []));
    expect(c).toMatchObject({ status: 'FLAT', cancelledOrders: 1, error: null });
  });
  it('a close refused and the position still there: FAILED naming the step and what is left', () => {
    const after = planFlatten([position('ESZ5', -1)], []);
    const c = concludeFlatten(plan, [ok, ok], [ok, no('FAILED: market closed')], after);
    expect(c.status).toBe('FAILED');
    expect(c.closed).toEqual([{ symbol: 'MNQZ5', quantity: 2 }]);
    expect(c.error).toBe('close ESZ5 -1: FAILED: market closed; still open: ESZ5 -1');
  });
  it('a failed step and no read after: FAILED with the steps only', () => {
    const c = concludeFlatten(plan, [no('RETRY: timeout'), ok], [ok, ok], null);
    expect(c).toMatchObject({ status: 'FAILED', error: 'cancel MNQZ5 order 7: RETRY: timeout' });
  });
});

describe('flattenOrderId', () => {
  it('names the flatten, its time and the contract, in safe characters, at most 64 long', () => {
    const at = new Date('2026-01-02T15:00:00Z');
    expect(flattenOrderId(12, at, 'MNQZ5')).toBe(`prf12-${at.getTime().toString(36)}-MNQZ5`);
    expect(flattenOrderId(12, at, 'CON.F.US/MNQ Z25')).toMatch(/^prf12-[a-z0-9]+-CON\.F\.US_MNQ_Z25$/);
    expect(flattenOrderId(1, at, 'X'.repeat(200))).toHaveLength(64);
  });
});

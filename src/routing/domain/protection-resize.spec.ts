import type { PlatformWorkingOrder } from '../../shared-kernel/platform-state';
import { describeLeg, planProtectionResize, remainingAfterReduce } from './protection-resize';

let seq = 0;
const order = (
  side: 'BUY' | 'SELL',
  type: PlatformWorkingOrder['type'],
  quantity: number,
  price: string | null,
): PlatformWorkingOrder => ({
  orderId: `o${++seq}`,
  clientOrderId: null,
  symbol: 'NQZ5',
  side,
  quantity,
  type,
  stopPrice: type === 'LIMIT' ? null : price,
  limitPrice: type === 'LIMIT' || type === 'STOP_LIMIT' ? price : null,
});
const plan = (held: 'BUY' | 'SELL', remaining: number, orders: PlatformWorkingOrder[]) =>
  planProtectionResize(held, remaining, orders).map((r) => [r.order.orderId, r.quantity]);

describe('planProtectionResize: protective legs after a partial reduction', () => {
  it('a long 3 bracket reduced to 2: the stop and the target each end at 2 (one cancels the other)', () => {
    const stop = order('SELL', 'STOP', 3, '17990');
    const target = order('SELL', 'LIMIT', 3, '18100');
    expect(plan('BUY', 2, [stop, target])).toEqual([
      [stop.orderId, 2],
      [target.orderId, 2],
    ]);
  });

  it('a leg one inside, at and one over what is left: only the one over changes', () => {
    for (const [quantity, expected] of [
      [1, []],
      [2, []],
      [3, [2]],
    ] as const) {
      const stop = order('SELL', 'STOP', quantity, '17990');
      expect(plan('BUY', 2, [stop])).toEqual(expected.map((q) => [stop.orderId, q]));
    }
  });

  it('two stops of a long share what is left: the highest keeps its size, the lower gets the rest', () => {
    const far = order('SELL', 'STOP', 2, '17950');
    const near = order('SELL', 'STOP', 1, '17990.25');
    expect(plan('BUY', 2, [far, near])).toEqual([[far.orderId, 1]]);
    // nothing left for the far one when only 1 remains: cancelled
    expect(plan('BUY', 1, [far, near])).toEqual([[far.orderId, 0]]);
  });

  it('a short: the lowest stop and the highest target are reached first', () => {
    const nearStop = order('BUY', 'STOP', 2, '18010');
    const farStop = order('BUY', 'STOP', 2, '18050');
    const nearTarget = order('BUY', 'LIMIT', 2, '17900');
    const farTarget = order('BUY', 'LIMIT', 2, '17800');
    expect(plan('SELL', 3, [farStop, nearStop, farTarget, nearTarget])).toEqual([
      [farStop.orderId, 1],
      [farTarget.orderId, 1],
    ]);
  });

  it('orders on the held side (a resting entry) are never protective; a trailing or unknown leg counts as a stop', () => {
    const resting = order('BUY', 'LIMIT', 5, '17000');
    const other = order('SELL', 'OTHER', 3, null);
    expect(plan('BUY', 2, [resting, other])).toEqual([[other.orderId, 2]]);
  });

  it('nothing left: every protective leg is cancelled', () => {
    const stop = order('SELL', 'STOP_LIMIT', 3, '17990');
    const target = order('SELL', 'LIMIT', 1, '18100');
    expect(plan('BUY', 0, [stop, target])).toEqual([
      [stop.orderId, 0],
      [target.orderId, 0],
    ]);
  });

  it('no protective legs: nothing to do', () => {
    expect(plan('BUY', 2, [])).toEqual([]);
  });
});

describe('remainingAfterReduce', () => {
  it('what was held less what was reduced, when the read after shows the fill (or still the old position)', () => {
    expect(remainingAfterReduce('BUY', 3, 1, 2)).toBe(2);
    expect(remainingAfterReduce('BUY', 3, 1, 3)).toBe(2);
    expect(remainingAfterReduce('SELL', 3, 1, -3)).toBe(2);
    expect(remainingAfterReduce('BUY', 3, 1, null)).toBe(2);
  });
  it('less when the platform shows less (a leg filled meanwhile); 0 when flat or the other way', () => {
    expect(remainingAfterReduce('BUY', 3, 1, 1)).toBe(1);
    expect(remainingAfterReduce('BUY', 3, 1, 0)).toBe(0);
    expect(remainingAfterReduce('SELL', 3, 1, 2)).toBe(0);
  });
});

describe('describeLeg', () => {
  it('names side, type, sizes, level and order', () => {
    const stop = { ...order('SELL', 'STOP', 3, '17990'), orderId: '5003' };
    expect(describeLeg(stop, 2)).toBe('SELL STOP 3 → 2 at 17990 (order 5003)');
    expect(describeLeg(stop, 0)).toBe('SELL STOP 3 cancelled at 17990 (order 5003)');
  });
});

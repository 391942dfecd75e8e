import type { PlatformWorkingOrder } from '../../shared-kernel/platform-state';
import { coverageOf, describeCoverage, protectionOrderId, protectionStep } from './protection';

const stop = (
  side: 'BUY' | 'SELL',
  quantity: number,
  o: Partial<PlatformWorkingOrder> = {},
): PlatformWorkingOrder => ({
  orderId: `S${quantity}${side}`,
  clientOrderId: null,
  symbol: 'MNQZ5',
  side,
  quantity,
  type: 'STOP',
  stopPrice: '21000',
  limitPrice: null,
  ...o,
});
const long = (netQuantity: number, workingOrders: PlatformWorkingOrder[]) => ({
  entrySide: 'BUY' as const,
  entryOrderId: 'E1',
  netQuantity,
  workingOrders,
});

describe('coverageOf: working stops against the position', () => {
  it('a stop one contract short of the position leaves one missing', () => {
    expect(coverageOf(long(3, [stop('SELL', 2)]))).toEqual({
      position: 3,
      covered: 2,
      missing: 1,
      stopSide: 'SELL',
    });
  });
  it('a stop for exactly the position covers it', () => {
    expect(coverageOf(long(3, [stop('SELL', 3)])).missing).toBe(0);
  });
  it('a stop one contract over the position covers it (nothing missing, never negative)', () => {
    expect(coverageOf(long(3, [stop('SELL', 4)]))).toMatchObject({ covered: 4, missing: 0 });
  });
  it('adds up several stops (other entries sharing the position)', () => {
    expect(coverageOf(long(5, [stop('SELL', 2), stop('SELL', 3, { orderId: 'x' })])).missing).toBe(0);
  });
  it('counts stop-limits, not limits (a take profit) nor stops on the entry side', () => {
    const orders = [
      stop('SELL', 1, { type: 'STOP_LIMIT' }),
      stop('SELL', 5, { type: 'LIMIT', stopPrice: null, limitPrice: '21100' }),
      stop('BUY', 5),
    ];
    expect(coverageOf(long(3, orders))).toMatchObject({ covered: 1, missing: 2 });
  });
  it('protects a short with BUY stops', () => {
    const short = { entrySide: 'SELL' as const, netQuantity: -2, workingOrders: [stop('BUY', 1)] };
    expect(coverageOf(short)).toEqual({ position: 2, covered: 1, missing: 1, stopSide: 'BUY' });
  });
  it('a position held the other way is no position of this entry', () => {
    expect(coverageOf(long(-2, [])).position).toBe(0);
  });
});

describe('protectionStep', () => {
  it('is PROTECTED as soon as the stops cover the position, before the time is up', () => {
    expect(protectionStep(long(2, [stop('SELL', 2)]), false).step).toBe('PROTECTED');
  });
  it('waits for missing legs while there is time, then places the missing stop', () => {
    expect(protectionStep(long(2, [stop('SELL', 1)]), false).step).toBe('WAIT');
    expect(protectionStep(long(2, [stop('SELL', 1)]), true)).toMatchObject({
      step: 'PLACE_STOP',
      coverage: { missing: 1 },
    });
  });
  it('with no position: waits, then NOT_FILLED while the entry works, else FLAT', () => {
    const unfilled = long(0, [{ ...stop('BUY', 2), orderId: 'E1', type: 'LIMIT' }]);
    expect(protectionStep(unfilled, false).step).toBe('WAIT');
    expect(protectionStep(unfilled, true).step).toBe('NOT_FILLED');
    expect(protectionStep(long(0, []), true).step).toBe('FLAT');
    expect(protectionStep({ ...long(0, []), entryOrderId: null }, true).step).toBe('FLAT');
  });
});

describe('wording and ids', () => {
  it('describes the coverage', () => {
    expect(describeCoverage(coverageOf(long(3, [stop('SELL', 2)])))).toBe(
      '3 held, 2 covered by working SELL stops',
    );
  });
  it('derives the protective orders’ client ids from the entry’s', () => {
    expect(protectionOrderId('pr12-abc-a3-en', 'stop')).toBe('pr12-abc-a3-ps');
    expect(protectionOrderId('pr12-abc-a3-en', 'flatten')).toBe('pr12-abc-a3-pf');
  });
});

import Decimal from 'decimal.js';
import { addPending, NO_PENDING, pendingWorstCase, sumPending, worstPosition } from './pending-exposure';

describe('pending exposure arithmetic', () => {
  it('is the open position alone with nothing pending', () => {
    expect(worstPosition(0, NO_PENDING, 2)).toBe(2);
    expect(worstPosition(-3, NO_PENDING, 1)).toBe(2);
  });

  it('adds pending buys to a long order and pending sells to a short one', () => {
    expect(worstPosition(1, { buy: 2, sell: 0 }, 1)).toBe(4);
    expect(worstPosition(-1, { buy: 0, sell: 2 }, -1)).toBe(4);
  });

  it('never lets pending orders of the other side net a new order down (they may not fill)', () => {
    // short 3 pending: a 2-lot buy may leave +2 (nothing fills) or -1 (the sells fill): worst is 2
    expect(worstPosition(0, { buy: 0, sell: 3 }, 2)).toBe(2);
    // long 5 open, 5 sells pending (a flatten on its way): a 1-lot buy is still 6 if they do not fill
    expect(worstPosition(5, { buy: 0, sell: 5 }, 1)).toBe(6);
  });

  it('takes the worse side when both are pending', () => {
    expect(worstPosition(0, { buy: 2, sell: 4 }, 0)).toBe(4);
    expect(worstPosition(0, { buy: 2, sell: 4 }, 1)).toBe(3);
    expect(worstPosition(0, { buy: 2, sell: 4 }, -1)).toBe(5);
  });

  it('accumulates per side', () => {
    const p = addPending(addPending(addPending(NO_PENDING, 'buy', 2), 'sell', 1), 'buy', 3);
    expect(p).toEqual({ buy: 5, sell: 1 });
    expect(sumPending(p, { buy: 1, sell: 1 })).toEqual({ buy: 6, sell: 2 });
    expect(NO_PENDING).toEqual({ buy: 0, sell: 0 });
  });
});

describe('pendingWorstCase', () => {
  const nq = (symbol: string) =>
    symbol === 'NQ' ? new Decimal(20) : symbol === 'MNQ' ? new Decimal(2) : null;
  const entry = (symbol: string, quantity: number, entryPrice: string | null, stopLoss: string | null) => ({
    symbol,
    quantity,
    entryPrice: entryPrice === null ? null : new Decimal(entryPrice),
    stopLoss: stopLoss === null ? null : new Decimal(stopLoss),
  });

  it('is zero with nothing pending', () => {
    expect(pendingWorstCase([], nq).toString()).toBe('0');
  });

  it('sums quantity × |entry − stop| × point value, exactly, for longs and shorts', () => {
    // 2 × 10.25 × 20 = 410; 3 × 0.1 × 2 = 0.6 (0.1 × 3 in binary floating point would not be)
    const total = pendingWorstCase(
      [entry('NQ', 2, '21000.25', '20990'), entry('MNQ', 3, '100.1', '100.2')],
      nq,
    );
    expect(total.toString()).toBe('410.6');
  });

  it('adds nothing for an entry whose worst case is unknown (no stop, no price, unknown contract)', () => {
    const total = pendingWorstCase(
      [
        entry('NQ', 1, '100', null),
        entry('NQ', 1, null, '90'),
        entry('ZZ', 1, '100', '90'),
        entry('NQ', 1, '100', '99'),
      ],
      nq,
    );
    expect(total.toString()).toBe('20');
  });
});

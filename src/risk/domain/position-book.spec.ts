import { d } from '../../../test/risk/support/risk.mother';
import { BookFill, netIntoBook, signedTotal } from './position-book';

const f = (side: 'buy' | 'sell', quantity: number, price: string, o: Partial<BookFill> = {}): BookFill => ({
  symbol: 'NQH6',
  side,
  quantity,
  price: d(price),
  pointValue: d(20),
  ...o,
});

describe('netting a fill into the positions per symbol', () => {
  it('opens, adds at the average, reduces at the average, closes and flips', () => {
    let r = netIntoBook([], f('buy', 1, '100'));
    r = netIntoBook(r.positions, f('buy', 1, '101'));
    expect(r.positions).toEqual([{ symbol: 'NQH6', netQuantity: 2, avgPrice: d('100.5') }]);
    r = netIntoBook(r.positions, f('sell', 1, '102'));
    expect(r.realized?.toString()).toBe('30');
    expect(r.positions[0]).toMatchObject({ netQuantity: 1 });
    expect(r.positions[0].avgPrice?.toString()).toBe('100.5');
    r = netIntoBook(r.positions, f('sell', 3, '99.5'));
    expect(r.realized?.toString()).toBe('-20');
    expect(r.positions).toEqual([{ symbol: 'NQH6', netQuantity: -2, avgPrice: d('99.5') }]);
    r = netIntoBook(r.positions, f('buy', 2, '99.5'));
    expect(r.realized?.toString()).toBe('0');
    expect(r.realized?.isNegative()).toBe(false); // 0, not −0
    expect(r.positions).toEqual([]);
  });

  it('leaves the other symbols alone and totals them signed', () => {
    const held = [{ symbol: 'MNQH6', netQuantity: -3, avgPrice: d(1) }];
    const r = netIntoBook(held, f('buy', 2, '100'));
    expect(r.positions).toHaveLength(2);
    expect(signedTotal(r.positions)).toBe(-1);
  });

  it('moves the position of an unknown contract without valuing what it closes', () => {
    const r = netIntoBook(
      [{ symbol: 'ZZZ', netQuantity: 1, avgPrice: d(5) }],
      f('sell', 1, '6', { symbol: 'ZZZ', pointValue: null }),
    );
    expect(r).toEqual({ positions: [], realized: null });
  });
});

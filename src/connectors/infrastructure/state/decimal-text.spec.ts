import { decimalText, orderFills } from './decimal-text';

describe('decimalText', () => {
  it('keeps a JSON number digit for digit, never through float arithmetic', () => {
    expect(decimalText(21000.25)).toBe('21000.25');
    expect(decimalText(0.1)).toBe('0.1');
    expect(decimalText(1e21)).toBe('1000000000000000000000');
    expect(decimalText(1e-7)).toBe('0.0000001');
    expect(decimalText(-2010)).toBe('-2010');
    expect(decimalText(-0)).toBe('0');
    expect(decimalText(' 49935.50 ')).toBe('49935.5');
  });
  it('is null for absent or non-numeric fields', () => {
    expect([null, undefined, NaN, Infinity, 'abc', {}, true].map(decimalText)).toEqual(Array(7).fill(null));
  });
});

describe('orderFills', () => {
  it('oldest first, each fill id once', () => {
    const f = (fillId: string, filledAt: string) => ({ fillId, filledAt });
    const fills = [
      f('12', '2026-12-02T09:00:01Z'),
      f('10', '2026-12-02T09:00:00Z'),
      f('12', '2026-12-02T09:00:01Z'),
      f('9', '2026-12-02T09:00:01Z'),
    ];
    expect(orderFills(fills).map((x) => x.fillId)).toEqual(['10', '9', '12']);
  });
});

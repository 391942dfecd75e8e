import { openPnl } from './projectx-open-pnl';

const NQ = { price: '21010.25', tickSize: '0.25', tickValue: '5' };
const CL = { price: '70.01', tickSize: '0.01', tickValue: '10' };
const NG = { price: '3.505', tickSize: '0.005', tickValue: '12.5' };
const quotes: Record<string, typeof NQ> = { NQZ5: NQ, CLZ5: CL, NQGZ5: NG };
const quoteOf = (s: string) => quotes[s] ?? null;

describe('ProjectX open P&L from market hub quotes', () => {
  it('is (price − average) / tick size × tick value × quantity, summed, exactly', () => {
    const long = { symbol: 'NQZ5', netQuantity: 2, averagePrice: '21000' }; // 41 ticks × $5 × 2
    const short = { symbol: 'CLZ5', netQuantity: -3, averagePrice: '70.04' }; // 3 ticks × $10 × 3 won
    expect(openPnl([long], quoteOf)).toBe('410');
    expect(openPnl([short], quoteOf)).toBe('90');
    expect(openPnl([long, short], quoteOf)).toBe('500');
  });

  it('keeps cents and fractions a binary float would lose', () => {
    const gas = { symbol: 'NQGZ5', netQuantity: 1, averagePrice: '3.5' }; // 1 tick of $12.50
    expect(openPnl([gas], quoteOf)).toBe('12.5');
    const loss = { symbol: 'CLZ5', netQuantity: 1, averagePrice: '70.02' };
    expect(openPnl([loss], quoteOf)).toBe('-10');
  });

  it('is 0 when flat, and unknown (null) when a position has no price or no average', () => {
    expect(openPnl([], quoteOf)).toBe('0');
    expect(openPnl([{ symbol: 'ESZ5', netQuantity: 1, averagePrice: '5000' }], quoteOf)).toBeNull();
    expect(openPnl([{ symbol: 'NQZ5', netQuantity: 1, averagePrice: null }], quoteOf)).toBeNull();
    expect(openPnl([{ symbol: 'NQZ5', netQuantity: 1, averagePrice: '21010.25' }], quoteOf)).toBe('0');
  });
});

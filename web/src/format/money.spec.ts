import { contracts, money, percent, pnl, position, price, share } from './money';
import { tradingDay } from './time';

describe('money and contracts, formatted exactly', () => {
  it('formats decimal strings and numbers as written, never through a float', () => {
    expect(money('1234.5')).toBe('$1,234.50');
    expect(money(-120)).toBe('−$120.00');
    expect(money('0.1')).toBe('$0.10');
    expect(money('12345678901234567.895')).toBe('$12,345,678,901,234,567.90');
    expect(money(0.1 + 0.2)).toBe('$0.30');
    expect(money('-0.004')).toBe('$0.00');
    expect(money(null)).toBe('—');
  });

  it('signs P&L, keeps a price as given, counts contracts', () => {
    expect([pnl('250.5'), pnl('-1'), pnl(0)]).toEqual(['+$250.50', '−$1.00', '$0.00']);
    expect(price('21500.25')).toBe('21,500.25');
    expect([contracts(1), contracts('2'), contracts(-1)]).toEqual([
      '1 contract',
      '2 contracts',
      '-1 contract',
    ]);
    expect([position(2, 'NQ'), position('-1', 'MNQ'), position(0)]).toEqual([
      'long 2 NQ',
      'short 1 MNQ',
      'flat',
    ]);
    expect(percent('0.0125')).toBe('1.25%');
  });

  it('fills a gauge by room left over the limit, clamped, for drawing only', () => {
    expect(share('1750', '2500')).toBe(0.7);
    expect([share('-10', '2500'), share('3000', '2500'), share('1', '0'), share(null, '1')]).toEqual([
      0,
      1,
      null,
      null,
    ]);
  });
});

describe('the futures trading day', () => {
  it('starts at 17:00 Chicago: one minute before is the day before, at it the next', () => {
    expect(tradingDay('2026-12-02T22:59:00Z', 'America/Chicago', 17)).toBe('2026-12-02');
    expect(tradingDay('2026-12-02T23:00:00Z', 'America/Chicago', 17)).toBe('2026-12-03');
    expect(tradingDay('2026-07-01T21:59:59Z', 'America/Chicago', 17)).toBe('2026-07-01');
    expect(tradingDay('2026-07-01T22:00:00Z', 'America/Chicago', 17)).toBe('2026-07-02');
  });
});

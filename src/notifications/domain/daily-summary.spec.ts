import { dayPnl, summaryKey } from './daily-summary';

describe('dayPnl', () => {
  it('equity at the close less the day’s starting balance, exact to the cent; realized apart', () => {
    expect(
      dayPnl({ startBalance: '50000', balance: '49800.5', openPnl: '-195', realizedPnl: '-199.5' }),
    ).toEqual({ pnl: '-394.50', realized: '-199.50', balance: '49800.50' });
    expect(
      dayPnl({ startBalance: '50000', balance: '50000.01', openPnl: '0', realizedPnl: '0.01' }).pnl,
    ).toBe('0.01');
  });

  it('keys the summary once per account and trading day', () => {
    expect(summaryKey(7, '2026-12-02')).toBe('summary:7:2026-12-02');
  });
});

import { anAccount, d } from '../../../test/risk/support/risk.mother';
import type { AccountState } from './account-state';
import { applyFill, applyLateFill } from './fill';
import { checkDailyLoss } from './rules/daily-loss.rule';

const NOW = new Date('2026-03-09T15:00:00Z');
const ES = d(50);
const fill = (
  s: AccountState,
  side: 'buy' | 'sell',
  quantity: number,
  price: number | string,
  pointValue = ES,
) => applyFill(s, { side, quantity, price: d(price), symbol: 'ES', pointValue }, NOW);

describe('applyFill', () => {
  it('opens, adds at a weighted average, partly closes, flips and closes a position', () => {
    let s = anAccount();
    const open = fill(s, 'buy', 2, 100);
    expect(open.realizedPnl.toNumber()).toBe(0);
    s = open.state;
    expect([s.openContracts, s.avgPrice?.toNumber(), s.positionSymbol]).toEqual([2, 100, 'ES']);

    s = fill(s, 'buy', 1, 103).state;
    expect([s.openContracts, s.avgPrice?.toNumber(), s.openPnl.toNumber()]).toEqual([3, 101, 300]); // marked at 103

    const partial = fill(s, 'sell', 1, 105);
    expect(partial.realizedPnl.toNumber()).toBe(200); // (105 − 101) × 1 × 50
    s = partial.state;
    expect([s.openContracts, s.avgPrice?.toNumber(), s.openPnl.toNumber(), s.balance.toNumber()]).toEqual([
      2, 101, 400, 50200,
    ]);

    const flip = fill(s, 'sell', 4, 99);
    expect(flip.realizedPnl.toNumber()).toBe(-200); // (99 − 101) × 2 × 50
    s = flip.state;
    expect([s.openContracts, s.avgPrice?.toNumber(), s.openPnl.toNumber()]).toEqual([-2, 99, 0]);

    const close = fill(s, 'buy', 2, 97);
    expect(close.realizedPnl.toNumber()).toBe(200); // short from 99 covered at 97
    s = close.state;
    expect([s.openContracts, s.avgPrice, s.positionSymbol, s.openPnl.toNumber()]).toEqual([0, null, null, 0]);
    expect([s.balance.toNumber(), s.realizedPnlToday.toNumber()]).toEqual([50200, 200]);
  });

  it('raises the intraday high-water mark to the equity after the fill, never lowers it', () => {
    let s = fill(anAccount(), 'buy', 1, 100).state;
    s = fill(s, 'sell', 1, 110).state; // +500
    expect(s.highWaterMarkIntraday.toNumber()).toBe(50500);
    s = fill(s, 'buy', 1, 110).state;
    s = fill(s, 'sell', 1, 100).state; // −500
    expect([s.balance.toNumber(), s.highWaterMarkIntraday.toNumber(), s.highWaterMarkEod.toNumber()]).toEqual(
      [50000, 50500, 50000],
    );
  });

  it('is exact in decimal: 0.1-point steps on a 0.1-point-value contract never drift', () => {
    let s = anAccount();
    for (let i = 0; i < 10; i++)
      s = fill(s, 'buy', 1, d('1.1').plus(d('0.1').times(i)).toString(), d('0.1')).state;
    expect(s.avgPrice?.toString()).toBe('1.55');
    const out = fill(s, 'sell', 10, '1.65', d('0.1'));
    expect(out.realizedPnl.toString()).toBe('0.1'); // 10 × 0.1 × 0.1
    expect(out.state.balance.toString()).toBe('50000.1');
  });

  it('keeps a repeating average to 30 places, so closing it realizes exact money', () => {
    let s = fill(anAccount(), 'buy', 1, 100).state;
    s = fill(s, 'buy', 2, '100.25').state;
    expect(s.avgPrice?.toString()).toBe('100.166666666666666666666666666667');
    const out = fill(s, 'sell', 3, '100.5');
    expect(out.realizedPnl.toString()).toBe('50'); // (3 × 100.5 − 300.5) × 50
  });

  it('does not drift when averaging many fills in any order', () => {
    const prices = Array.from({ length: 20 }, (_, i) => 5000 + i * 0.25).reverse();
    let s = anAccount();
    for (const p of prices) s = fill(s, 'buy', 1, p, d(5)).state;
    expect(s.avgPrice?.toNumber()).toBe(5002.375);
    const out = fill(s, 'sell', 20, 5010, d(5));
    expect(out.realizedPnl.toString()).toBe('762.5');
  });

  it('closing a repeating average in parts adds up to the exact day: −1,000.00 reaches a 1,000 limit', () => {
    let s = fill(anAccount(), 'buy', 1, 100).state;
    s = fill(s, 'buy', 2, '100.25').state; // cost 300.5 over 3
    const parts = [1, 1, 1].map(() => {
      const out = fill(s, 'sell', 1, '93.5');
      s = out.state;
      return out.realizedPnl;
    });
    expect(parts.map(String)).toEqual(['-333.33333333333335', '-333.33333333333335', '-333.3333333333333']);
    expect(s.realizedPnlToday.toFixed(2)).toBe('-1000.00');
    expect(s.realizedPnlToday.eq(-1000)).toBe(true);
    expect(s.balance.toString()).toBe('49000');
    expect(s.openPnl.toString()).toBe('0');
    const at = checkDailyLoss({ limit: d(1000), state: s, worstCase: null, programId: 4 });
    expect(at?.rule).toBe('DAILY_LOSS_LIMIT');
    const centInside = checkDailyLoss({ limit: d('1000.01'), state: s, worstCase: null, programId: 4 });
    expect(centInside).toBeNull();
  });

  it('marks the open part of a repeating average exactly', () => {
    let s = fill(anAccount(), 'buy', 1, 100).state;
    s = fill(s, 'buy', 2, '100.25').state;
    expect(s.openPnl.toString()).toBe('12.5'); // (3 × 100.25 − 300.5) × 50
  });
});

describe('applyLateFill: a fill of an earlier trading day', () => {
  it("moves the balance and the day's start, never today's P&L", () => {
    const open = fill(anAccount({ realizedPnlToday: d(-200), balance: d(49800) }), 'buy', 1, 100).state;
    const out = applyLateFill(
      open,
      { side: 'sell', quantity: 1, price: d(90), symbol: 'ES', pointValue: ES },
      NOW,
    );
    expect(out.realizedPnl.toString()).toBe('-500');
    expect(out.state.realizedPnlToday.toString()).toBe('-200');
    expect(out.state.balance.toString()).toBe('49300');
    expect(out.state.startOfDayBalance.toString()).toBe('49500');
    expect(out.state.openContracts).toBe(0);
  });

  it('a late profit raises the end-of-day high-water mark that day closed at', () => {
    const open = fill(anAccount(), 'buy', 1, 100).state;
    const out = applyLateFill(
      open,
      { side: 'sell', quantity: 1, price: d(110), symbol: 'ES', pointValue: ES },
      NOW,
    );
    expect(out.state.highWaterMarkEod.toString()).toBe('50500');
  });
});

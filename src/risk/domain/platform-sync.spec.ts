import Decimal from 'decimal.js';
import { anAccount, d } from '../../../test/risk/support/risk.mother';
import type { AccountState, PositionLine } from './account-state';
import { foldPlatformRead, PlatformReading, SyncedFill } from './platform-sync';
import { checkDailyLoss } from './rules/daily-loss.rule';

const NOW = new Date('2026-03-09T16:00:00.000Z'); // Monday 12:00 New York: trading day 2026-03-09
const TODAY = '2026-03-09';
let seq = 0;
const fill = (
  side: 'buy' | 'sell',
  quantity: number,
  price: string,
  o: Partial<SyncedFill> = {},
): SyncedFill => ({
  fillId: `f${++seq}`,
  symbol: 'NQH6',
  side,
  quantity,
  price: d(price),
  pointValue: d(20),
  filledAt: new Date(NOW.getTime() - 60_000 + seq),
  tradingDay: TODAY,
  ...o,
});
const reading = (o: Partial<PlatformReading> = {}): PlatformReading => ({
  balance: null,
  openPnl: null,
  positions: [],
  workingOrderRefs: [],
  readAt: new Date(NOW.getTime() - 5),
  rootOf: (s) => (s.startsWith('MNQ') ? 'MNQ' : s.startsWith('NQ') ? 'NQ' : null),
  ...o,
});
const synced = (o: Partial<AccountState> = {}) =>
  anAccount({ accountId: 7, source: 'platform', confirmedAt: new Date(NOW.getTime() - 1000), ...o });
const fold = (state: AccountState, fills: SyncedFill[], r: Partial<PlatformReading> = {}) =>
  foldPlatformRead(state, fills, reading(r), TODAY, NOW);
const text = (x: Decimal) => x.toString();

describe('folding a platform read into the account state', () => {
  it('books the realized P&L of the new fills into today, exactly: −1,000.00 stays −1000 and meets the limit', () => {
    const { state, realizedToday } = fold(synced(), [
      fill('buy', 2, '21500.25'),
      fill('sell', 2, '21475.25'),
    ]);
    expect(text(realizedToday)).toBe('-1000');
    expect(text(state.realizedPnlToday)).toBe('-1000');
    expect(text(state.balance)).toBe('49000'); // no platform balance: moved by the realized P&L
    const rule = checkDailyLoss({ limit: d(1000), state, worstCase: null, programId: 4 });
    expect(rule?.details).toMatchObject({ daily_pnl: -1000, headroom: 0 });
  });

  it('takes the platform balance and open P&L as they are (decimal text, no digit lost)', () => {
    const { state } = fold(synced(), [], {
      balance: d('49000.00'),
      openPnl: d('-0.05'),
      positions: [{ symbol: 'NQH6', netQuantity: 1, avgPrice: d('21500.25') }],
    });
    expect([text(state.balance), text(state.openPnl)]).toEqual(['49000', '-0.05']);
    expect(state.balance.plus(state.openPnl).toString()).toBe('48999.95');
  });

  it('keeps sums exact over many fills of repeating averages (no drift into the cents)', () => {
    const fills = [
      fill('buy', 1, '100'),
      fill('buy', 1, '100'),
      fill('buy', 1, '100.25'),
      fill('sell', 3, '100.25'),
    ];
    const { realizedToday } = fold(synced(), fills);
    expect(text(realizedToday)).toBe('10'); // (100.25 − 100.0833…) × 3 × 20
  });

  it('gives the same realized P&L whatever order the fills arrive in (a round trip ending flat)', () => {
    const a = [fill('buy', 2, '21500'), fill('sell', 1, '21510'), fill('sell', 1, '21490.5')];
    const inOrder = fold(synced(), a).realizedToday;
    // reported late and out of order: the fold sorts them by time, and the P&L of a flat round trip is order-free
    const reversed = fold(synced(), [...a].reverse()).realizedToday;
    const shuffled = fold(synced(), [a[2], a[0], a[1]]).realizedToday;
    expect([text(inOrder), text(reversed), text(shuffled)]).toEqual(['10', '10', '10']);
    const lateFirst = a
      .map((f, i) => ({ ...f, filledAt: new Date(NOW.getTime() - 1000 * (3 - i)) }))
      .reverse();
    expect(text(fold(synced(), lateFirst).realizedToday)).toBe('10');
  });

  it('realizes a fill reported late, in a later read, against the fills before it', () => {
    const buy = fill('buy', 1, '21500');
    const sell = fill('sell', 1, '21510');
    // the platform reports the sell first (already flat there), the buy one read later
    const first = fold(synced(), [sell], { positions: [] });
    expect(text(first.state.realizedPnlToday)).toBe('0');
    const second = fold(first.state, [buy], { positions: [] });
    expect(text(second.state.realizedPnlToday)).toBe('200');
    expect(second.state.fillBook).toEqual([]);
  });

  it('nets new fills into the fill book, one symbol at a time', () => {
    const held: PositionLine[] = [
      { symbol: 'NQH6', netQuantity: 2, avgPrice: d('21500') },
      { symbol: 'MNQH6', netQuantity: -5, avgPrice: d('21600') },
    ];
    const { realizedToday } = fold(synced({ fillBook: held }), [
      fill('sell', 1, '21510'), // NQ: +10 × 20
      fill('buy', 5, '21590', { symbol: 'MNQH6', pointValue: d(2) }), // MNQ: +10 × 5 × 2
    ]);
    expect(text(realizedToday)).toBe('300');
  });

  it('does not book a fill of an earlier trading day into today: it moves the start-of-day balance', () => {
    const yesterday = { tradingDay: '2026-03-06', filledAt: new Date('2026-03-06T20:00:00Z') };
    const state = synced({ balance: d(50000), startOfDayBalance: d(50000), realizedPnlToday: d(-100) });
    const out = fold(state, [fill('buy', 1, '21500', yesterday), fill('sell', 1, '21490', yesterday)]);
    expect(text(out.realizedToday)).toBe('0');
    expect(text(out.realizedTotal)).toBe('-200');
    expect(text(out.state.realizedPnlToday)).toBe('-100');
    expect(text(out.state.startOfDayBalance)).toBe('49800');
    expect(text(out.state.balance)).toBe('49800');
  });

  it('rolls a state stored on an earlier trading day before folding', () => {
    const stale = synced({ tradingDay: '2026-03-06', realizedPnlToday: d(-700), balance: d(49300) });
    const { state } = fold(stale, [fill('buy', 1, '21500'), fill('sell', 1, '21501')]);
    expect(state.tradingDay).toBe(TODAY);
    expect(text(state.realizedPnlToday)).toBe('20');
    expect(text(state.startOfDayBalance)).toBe('49300');
  });

  it('raises the intraday high-water mark to balance + open P&L on every update, never lowers it', () => {
    const up = fold(synced(), [], { balance: d(50000), openPnl: d('600.5') }).state;
    expect(text(up.highWaterMarkIntraday)).toBe('50600.5');
    const down = fold(up, [], { balance: d(50000), openPnl: d(100) }).state;
    expect(text(down.highWaterMarkIntraday)).toBe('50600.5');
  });

  it("takes the platform's positions: the signed total, and the single position's root and price", () => {
    const one = fold(synced(), [], {
      positions: [{ symbol: 'NQH6', netQuantity: -2, avgPrice: d('21500.25') }],
    });
    expect([one.state.openContracts, one.state.positionSymbol, one.state.avgPrice?.toString()]).toEqual([
      -2,
      'NQ',
      '21500.25',
    ]);
    const two = fold(synced(), [], {
      positions: [
        { symbol: 'NQH6', netQuantity: 2, avgPrice: null },
        { symbol: 'MNQH6', netQuantity: 3, avgPrice: null },
      ],
    });
    expect([two.state.openContracts, two.state.positionSymbol, two.state.avgPrice]).toEqual([5, null, null]);
    expect(two.state.positions).toHaveLength(2);
  });

  it('keeps the open P&L when the platform does not report it, 0 once it reports no position', () => {
    const held = synced({ openPnl: d(250) });
    const pos = [{ symbol: 'NQH6', netQuantity: 1, avgPrice: null }];
    expect(text(fold(held, [], { positions: pos }).state.openPnl)).toBe('250');
    expect(text(fold(held, [], { positions: [] }).state.openPnl)).toBe('0');
  });

  it('marks the state platform, confirmed at the instant of the read (never later than now)', () => {
    const { state } = fold(anAccount(), [], { workingOrderRefs: ['9001', 'pr-1'] });
    expect(state).toMatchObject({ source: 'platform', updatedAt: NOW, workingOrderRefs: ['9001', 'pr-1'] });
    expect(state.confirmedAt).toEqual(new Date(NOW.getTime() - 5));
    const future = foldPlatformRead(
      anAccount(),
      [],
      reading({ readAt: new Date(NOW.getTime() + 50) }),
      TODAY,
      NOW,
    );
    expect(future.state.confirmedAt).toEqual(NOW);
  });

  it("replaces a manual state's typed-in day on the first platform read instead of adding to it", () => {
    const manual = anAccount({
      realizedPnlToday: d(-300),
      balance: d(49700),
      openContracts: 1,
      positionSymbol: 'NQ',
    });
    const { state } = fold(manual, [fill('buy', 1, '21500'), fill('sell', 1, '21485')], {
      balance: d('49700'),
    });
    expect(text(state.realizedPnlToday)).toBe('-300'); // the platform's −300, not −600
    expect(text(state.startOfDayBalance)).toBe('50000');
  });

  it('folds the fills of a read older than the last one applied, but keeps the newer picture', () => {
    const newer = synced({ confirmedAt: new Date(NOW.getTime() - 100), balance: d(50200), openPnl: d(40) });
    const held = [{ symbol: 'NQH6', netQuantity: 1, avgPrice: d(21500) }];
    const late = fold(
      { ...newer, positions: held, openContracts: 1, workingOrderRefs: ['w'] },
      [fill('buy', 1, '21500'), fill('sell', 1, '21510')],
      { balance: d(50000), openPnl: d(0), positions: [], readAt: new Date(NOW.getTime() - 2000) },
    ).state;
    expect(late).toMatchObject({ openContracts: 1, workingOrderRefs: ['w'], confirmedAt: newer.confirmedAt });
    expect([text(late.balance), text(late.openPnl), text(late.realizedPnlToday)]).toEqual([
      '50200',
      '40',
      '200',
    ]);
  });
});

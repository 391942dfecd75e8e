import { anAccount, aProgram, d } from '../../../test/risk/support/risk.mother';
import { AccountState, freshAccount, rollTo } from './account-state';
import { drawdownFloor } from './drawdown';
import { applyFill } from './fill';
import type { DrawdownKind } from './program-limits';
import { checkDailyLoss } from './rules/daily-loss.rule';
import { checkMaxLoss } from './rules/max-loss.rule';
import { tradingDayOf } from './trading-day';

const POLICY = { rolloverMinute: 17 * 60, zone: 'America/New_York' };
const NQ = d(20);

/** Rolls to the fill's trading day, then nets the fill in: what the fills endpoint does. */
function fillAt(
  s: AccountState,
  iso: string,
  side: 'buy' | 'sell',
  quantity: number,
  price: number,
): AccountState {
  const at = new Date(iso);
  return applyFill(
    rollTo(s, tradingDayOf(at, POLICY)),
    { side, quantity, price: d(price), symbol: 'NQ', pointValue: NQ },
    at,
  ).state;
}

/**
 * A 50,000 account (2,500 max loss) over the start of daylight saving (Sunday 2026-03-08):
 * Friday makes +3,000 then gives back 1,000 (intraday peak 53,000, closes at 52,000);
 * Monday loses 2,400 by 16:30 EDT (49,600); a fill at 17:00 EDT belongs to Tuesday.
 */
function marchJourney(): AccountState[] {
  const states: AccountState[] = [freshAccount(aProgram(), '2026-03-06', new Date('2026-03-06T14:00:00Z'))];
  const step = (iso: string, side: 'buy' | 'sell', qty: number, price: number) =>
    states.push(fillAt(states[states.length - 1], iso, side, qty, price));
  step('2026-03-06T20:00:00Z', 'buy', 2, 21500); // Fri 15:00 EST
  step('2026-03-06T20:30:00Z', 'sell', 2, 21575); // +3,000
  step('2026-03-06T21:00:00Z', 'buy', 1, 21600);
  step('2026-03-06T21:30:00Z', 'sell', 1, 21550); // −1,000 → 52,000
  step('2026-03-09T13:30:00Z', 'buy', 3, 21500); // Mon 09:30 EDT: Friday closed at 52,000
  step('2026-03-09T20:30:00Z', 'sell', 3, 21460); // Mon 16:30 EDT: −2,400 → 49,600
  step('2026-03-09T21:00:00Z', 'buy', 1, 21450); // Mon 17:00 EDT: Tuesday's first fill
  return states;
}

const floorOf = (type: DrawdownKind, s: AccountState) => {
  const dd = drawdownFloor(aProgram({ drawdownType: type }), d(2500), s);
  return { floor: dd.floor.toNumber(), locked: dd.locked };
};

describe('drawdown types through fills and day rollovers across a daylight-saving change', () => {
  const states = marchJourney();
  const friday = states[4];
  const mondayLoss = states[6];
  const tuesday = states[7];

  it('books Friday, rolls it into Monday at the first Monday fill, and Monday into Tuesday at 17:00 EDT', () => {
    expect([friday.tradingDay, friday.balance.toNumber(), friday.highWaterMarkIntraday.toNumber()]).toEqual([
      '2026-03-06',
      52000,
      53000,
    ]);
    expect(friday.highWaterMarkEod.toNumber()).toBe(50000); // the day has not ended yet
    expect([
      states[5].tradingDay,
      states[5].startOfDayBalance.toNumber(),
      states[5].highWaterMarkEod.toNumber(),
    ]).toEqual(['2026-03-09', 52000, 52000]);
    expect([
      mondayLoss.tradingDay,
      mondayLoss.realizedPnlToday.toNumber(),
      mondayLoss.balance.toNumber(),
    ]).toEqual(['2026-03-09', -2400, 49600]);
    expect([
      tuesday.tradingDay,
      tuesday.realizedPnlToday.toNumber(),
      tuesday.startOfDayBalance.toNumber(),
    ]).toEqual(['2026-03-10', 0, 49600]);
    expect(tuesday.highWaterMarkEod.toNumber()).toBe(52000); // a losing day does not lower the mark
  });

  it('static: floor stays at 47,500', () => {
    expect(floorOf('static', friday)).toEqual({ floor: 47500, locked: false });
    expect(floorOf('static', tuesday)).toEqual({ floor: 47500, locked: false });
  });

  it('eod_trailing: 47,500 on Friday, 49,500 once Friday closed at 52,000', () => {
    expect(floorOf('eod_trailing', friday)).toEqual({ floor: 47500, locked: false });
    expect(floorOf('eod_trailing', tuesday)).toEqual({ floor: 49500, locked: false });
    expect(
      checkMaxLoss({ program: aProgram({ drawdownType: 'eod_trailing' }), state: tuesday, worstCase: d(100) })
        ?.details,
    ).toMatchObject({
      equity: 49600,
      headroom: 100,
    });
    expect(
      checkMaxLoss({
        program: aProgram({ drawdownType: 'eod_trailing' }),
        state: tuesday,
        worstCase: d(99.99),
      }),
    ).toBeNull();
  });

  it('intraday_trailing: the 53,000 peak puts the floor at 50,500, breached on Monday', () => {
    expect(floorOf('intraday_trailing', friday)).toEqual({ floor: 50500, locked: false });
    const denial = checkMaxLoss({
      program: aProgram({ drawdownType: 'intraday_trailing' }),
      state: tuesday,
      worstCase: null,
    });
    expect(denial?.details).toMatchObject({ floor: 50500, equity: 49600, headroom: -900 });
  });

  it('eod_trailing_until_lock: trails to 49,500 (not yet at the 50,000 start)', () => {
    expect(floorOf('eod_trailing_until_lock', tuesday)).toEqual({ floor: 49500, locked: false });
  });

  it('intraday_trailing_until_lock: locks at the 50,000 start once the peak passes 52,500', () => {
    expect(floorOf('intraday_trailing_until_lock', states[1])).toEqual({ floor: 47500, locked: false });
    expect(floorOf('intraday_trailing_until_lock', states[2])).toEqual({ floor: 50000, locked: true });
    expect(
      checkMaxLoss({
        program: aProgram({ drawdownType: 'intraday_trailing_until_lock' }),
        state: tuesday,
        worstCase: null,
      })?.rule,
    ).toBe('MAX_LOSS_LIMIT');
  });

  it('daily loss: Monday is down 2,400 against a 2,500 limit; Tuesday starts clean', () => {
    const limit = d(2500);
    expect(
      checkDailyLoss({ limit, state: mondayLoss, worstCase: d(100), programId: 4 })?.details,
    ).toMatchObject({ headroom: 100 });
    expect(checkDailyLoss({ limit, state: mondayLoss, worstCase: d(99.99), programId: 4 })).toBeNull();
    expect(checkDailyLoss({ limit, state: tuesday, worstCase: d(2499.99), programId: 4 })).toBeNull();
  });
});

describe('eod_trailing across the end of daylight saving (Sunday 2026-11-01)', () => {
  let s = freshAccount(
    aProgram({ drawdownType: 'eod_trailing' }),
    '2026-10-30',
    new Date('2026-10-30T13:00:00Z'),
  );
  s = fillAt(s, '2026-10-30T14:00:00Z', 'buy', 1, 20000); // Fri 10:00 EDT
  s = fillAt(s, '2026-10-30T15:00:00Z', 'sell', 1, 20100); // +2,000 → 52,000
  const monday = fillAt(s, '2026-11-02T21:30:00Z', 'buy', 1, 20100); // Mon 16:30 EST (17:30 in EDT)
  const mondayClose = fillAt(monday, '2026-11-02T21:45:00Z', 'sell', 1, 20150); // +1,000 → 53,000
  const tuesday = rollTo(mondayClose, tradingDayOf(new Date('2026-11-02T22:00:00Z'), POLICY)); // Mon 17:00 EST

  it('keeps Monday 16:30 EST on Monday and rolls at 17:00 EST', () => {
    expect([monday.tradingDay, mondayClose.tradingDay, tuesday.tradingDay]).toEqual([
      '2026-11-02',
      '2026-11-02',
      '2026-11-03',
    ]);
  });

  it('raises the floor with each closed day: 49,500 on Monday, 50,500 on Tuesday', () => {
    expect(floorOf('eod_trailing', mondayClose)).toEqual({ floor: 49500, locked: false });
    expect(floorOf('eod_trailing', tuesday)).toEqual({ floor: 50500, locked: false });
    expect(floorOf('eod_trailing_until_lock', tuesday)).toEqual({ floor: 50000, locked: true });
  });
});

describe('a lock at the starting balance + an amount (Apex 4.0, Tradeify, FundedNext Bolt: + $100)', () => {
  const apex = aProgram({
    drawdownType: 'intraday_trailing_until_lock',
    maxTotalLoss: d(2500),
    drawdownLock: d(100),
  });
  const at = (peak: string, balance = '50050') =>
    drawdownFloor(apex, d(2500), anAccount({ highWaterMarkIntraday: d(peak), balance: d(balance) }));

  it('trails until the floor reaches 50,100 (peak 52,600) and stays there', () => {
    expect(at('52599.99', '50000')).toMatchObject({ locked: false, lockLevel: d(50100) });
    expect(at('52599.99', '50000').floor.toString()).toBe('50099.99');
    expect(at('52600', '50000').floor.toString()).toBe('50100');
    expect(at('52600', '50000').locked).toBe(true);
    expect(at('60000', '50000').floor.toString()).toBe('50100');
  });

  it('50,050 after a 52,600 peak is below the floor: the max-loss rule denies, one cent above passes', () => {
    const check = (balance: string) =>
      checkMaxLoss({
        program: apex,
        state: anAccount({ highWaterMarkIntraday: d(52600), balance: d(balance) }),
        worstCase: null,
      })?.rule ?? null;
    expect(check('50050')).toBe('MAX_LOSS_LIMIT');
    expect(check('50099.99')).toBe('MAX_LOSS_LIMIT');
    expect(check('50100')).toBe('MAX_LOSS_LIMIT');
    expect(check('50100.01')).toBeNull();
  });

  it('without an amount, an `_until_lock` type locks at the start; a type without a lock never locks', () => {
    const atStart = aProgram({ drawdownType: 'intraday_trailing_until_lock' });
    const state = anAccount({ highWaterMarkIntraday: d(60000) });
    expect(drawdownFloor(atStart, d(2500), state).floor.toString()).toBe('50000');
    const never = aProgram({ drawdownType: 'intraday_trailing' });
    expect(drawdownFloor(never, d(2500), state)).toMatchObject({
      floor: d(57500),
      lockLevel: null,
      locked: false,
    });
  });
});

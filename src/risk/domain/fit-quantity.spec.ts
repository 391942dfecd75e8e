import { d } from '../../../test/risk/support/risk.mother';
import { fitQuantity, largestWithin } from './fit-quantity';

const daily = (room: string) => ({ rule: 'DAILY_LOSS_LIMIT', room: d(room), reachAllowed: false });
const perTrade = (room: string) => ({ rule: 'PER_TRADE_LOSS_LIMIT', room: d(room), reachAllowed: true });

describe('largestWithin: the largest whole quantity whose stop-out stays in a room', () => {
  it('a room that may not be reached (daily loss, drawdown floor): one cent inside, at, one cent over', () => {
    // 3 contracts at 250 stop out at 750
    expect(largestWithin(d(250), daily('750.01'))).toBe(3); // 750 stays a cent inside
    expect(largestWithin(d(250), daily('750'))).toBe(2); // 750 would reach it
    expect(largestWithin(d(250), daily('749.99'))).toBe(2); // 750 would cross it
  });

  it('a room that may be reached (per-trade, risk percent): one cent inside, at, one cent over', () => {
    expect(largestWithin(d(250), perTrade('750.01'))).toBe(3);
    expect(largestWithin(d(250), perTrade('750'))).toBe(3);
    expect(largestWithin(d(250), perTrade('749.99'))).toBe(2);
  });

  it('is exact in decimal: 0.1 + 0.2 style rooms are not rounded', () => {
    expect(largestWithin(d('0.1'), daily('0.3'))).toBe(2);
    expect(largestWithin(d('0.1'), perTrade('0.3'))).toBe(3);
    expect(largestWithin(d('1253.08625'), daily('3759.25875'))).toBe(2); // 3 × 1253.08625 exactly
    expect(largestWithin(d('1253.08625'), daily('3759.25876'))).toBe(3);
  });

  it('a spent or overdrawn room fits nothing; a contract that risks nothing fits any number', () => {
    expect(largestWithin(d(250), daily('0'))).toBe(0);
    expect(largestWithin(d(250), perTrade('0'))).toBe(0);
    expect(largestWithin(d(250), daily('-5'))).toBe(0);
    expect(largestWithin(d(250), daily('249.99'))).toBe(0);
    expect(largestWithin(d(0), daily('0.01'))).toBe(Infinity);
    expect(largestWithin(d(0), daily('0'))).toBe(0);
    expect(largestWithin(d(0), perTrade('0'))).toBe(Infinity);
  });
});

describe('fitQuantity', () => {
  it('keeps a request that fits, and never raises it', () => {
    expect(
      fitQuantity({ requested: 2, perContract: d(250), contractRooms: [], lossRooms: [daily('1000')] }),
    ).toEqual({ quantity: 2, cappedBy: null });
  });

  it('takes the tightest room and names its rule; on a tie the first in rule order', () => {
    const fit = fitQuantity({
      requested: 10,
      perContract: d(250),
      contractRooms: [{ rule: 'MAX_POSITION_SIZE', room: 5 }],
      lossRooms: [
        perTrade('1000'),
        daily('800'),
        { rule: 'MAX_LOSS_LIMIT', room: d(1200), reachAllowed: false },
      ],
    });
    expect(fit).toEqual({ quantity: 3, cappedBy: 'DAILY_LOSS_LIMIT' });
    expect(
      fitQuantity({
        requested: 10,
        perContract: d(250),
        contractRooms: [],
        lossRooms: [perTrade('750'), daily('750.01')],
      }),
    ).toEqual({ quantity: 3, cappedBy: 'PER_TRADE_LOSS_LIMIT' });
  });

  it('a negative contract room (already over the limit) fits nothing', () => {
    expect(
      fitQuantity({
        requested: 4,
        perContract: d(1),
        contractRooms: [{ rule: 'MAX_POSITION_SIZE', room: -2 }],
        lossRooms: [],
      }),
    ).toEqual({ quantity: 0, cappedBy: 'MAX_POSITION_SIZE' });
  });
});

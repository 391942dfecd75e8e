import Decimal from 'decimal.js';
import { PaperBook } from './paper-book';
import { PaperEntry, PaperRejection } from './paper-orders';

const POINT_VALUES: Record<string, string> = { NQ: '20', MNQ: '2' };
const d = (v: string | number) => new Decimal(v);

function book(balance = '50000'): PaperBook {
  return new PaperBook(
    { balance: d(balance), realized: d(0), positions: [], orders: [] },
    (s) => (POINT_VALUES[s] ? d(POINT_VALUES[s]) : null),
    () => new Date('2026-12-02T15:00:00Z'),
  );
}

function entry(over: Partial<PaperEntry> = {}): PaperEntry {
  return {
    clientOrderId: 'c-1',
    symbol: 'NQ',
    side: 'BUY',
    quantity: 1,
    type: 'MARKET',
    price: d(21000),
    stopLoss: d(20950),
    takeProfit: d(21100),
    ...over,
  };
}

const statuses = (b: PaperBook) => [...b.orders.values()].map((o) => `${o.type}:${o.status}`).sort();

describe('PaperBook', () => {
  it('fills a market entry at the alert price and arms its bracket', () => {
    const b = book();
    const order = b.placeEntry(entry(), d(20990));
    expect(order.fillPrice).toEqual(d(21000));
    expect(b.positions.get('NQ')).toMatchObject({ net: 1, average: d(21000) });
    expect(statuses(b)).toEqual(['LIMIT:WORKING', 'MARKET:FILLED', 'STOP:WORKING']);
  });

  it('fills at the mark when the alert gives no price, and refuses when there is neither', () => {
    expect(book().placeEntry(entry({ price: null }), d(20990.25)).fillPrice).toEqual(d(20990.25));
    expect(() => book().placeEntry(entry({ price: null }), null)).toThrow(PaperRejection);
    expect(() => book().placeEntry(entry({ symbol: 'XX' }), null)).toThrow('unknown contract XX');
  });

  it('a sell stop fills at its level, not one tick above; a gap fills at the price that reached it', () => {
    const b = book();
    b.placeEntry(entry(), null);
    expect(b.onPrice('NQ', d('20950.25'))).toEqual([]);
    const [fill] = b.onPrice('NQ', d(20950));
    expect(fill).toMatchObject({ side: 'SELL', quantity: 1, price: d(20950), realized: d(-1000) });
    expect(b.balance).toEqual(d(49000));
    expect(statuses(b)).toEqual(['LIMIT:CANCELLED', 'MARKET:FILLED', 'STOP:FILLED']);

    const gap = book();
    gap.placeEntry(entry(), null);
    expect(gap.onPrice('NQ', d(20900))[0].price).toEqual(d(20900));
    expect(gap.balance).toEqual(d(48000));
  });

  it('a take profit fills at its own price once reached, not one tick below; its stop is cancelled', () => {
    const b = book();
    b.placeEntry(entry(), null);
    expect(b.onPrice('NQ', d('21099.75'))).toEqual([]);
    expect(b.onPrice('NQ', d(21105))[0]).toMatchObject({ price: d(21100), realized: d(2000) });
    expect(statuses(b)).toEqual(['LIMIT:FILLED', 'MARKET:FILLED', 'STOP:CANCELLED']);
    expect(b.onPrice('NQ', d(20000))).toEqual([]);
  });

  it('a short bracket triggers the other way, with exact decimal P&L on micros', () => {
    const b = book();
    b.placeEntry(
      entry({
        symbol: 'MNQ',
        side: 'SELL',
        quantity: 3,
        price: d('21000.25'),
        stopLoss: d('21010.75'),
        takeProfit: null,
      }),
      null,
    );
    expect(b.onPrice('MNQ', d('21010.5'))).toEqual([]);
    expect(b.onPrice('MNQ', d('21010.75'))[0]).toMatchObject({ side: 'BUY', realized: d('-63') });
    expect(b.balance.toFixed()).toBe('49937');
  });

  it('a resting limit entry fills when a price reaches it, then its bracket works', () => {
    const b = book();
    b.placeEntry(entry({ type: 'LIMIT', price: d(20980) }), d(21000));
    expect(b.positions.get('NQ')).toBeUndefined();
    expect(b.onPrice('NQ', d(20980.25))).toEqual([]);
    expect(b.onPrice('NQ', d(20979))[0]).toMatchObject({ side: 'BUY', price: d(20980) });
    expect(statuses(b)).toEqual(['LIMIT:FILLED', 'LIMIT:WORKING', 'STOP:WORKING']);
  });

  it('closing an entry cancels its legs and never opens the other way (reduce-only)', () => {
    const b = book();
    const opened = b.placeEntry(entry({ quantity: 2 }), null);
    const exit = { symbol: 'NQ', entrySide: 'BUY' as const, entryOrderId: opened.id, price: d(21010) };
    const closed = b.close({ ...exit, clientOrderId: 'x-1', quantity: 5 });
    expect(closed).toMatchObject({ quantity: 2, status: 'FILLED', fillPrice: d(21010) });
    expect(b.realized).toEqual(d(400));
    expect(statuses(b)).toEqual(['LIMIT:CANCELLED', 'MARKET:FILLED', 'MARKET:FILLED', 'STOP:CANCELLED']);
    expect(b.close({ ...exit, clientOrderId: 'x-2', quantity: 1 }).status).toBe('CANCELLED');
    expect(b.positions.get('NQ')!.net).toBe(0);
  });

  it('a protective stop whose position is gone cancels instead of filling', () => {
    const b = book();
    b.placeEntry(entry({ stopLoss: null, takeProfit: null }), null);
    b.placeStop({ clientOrderId: 's-1', symbol: 'NQ', side: 'SELL', quantity: 1, price: d(20900) });
    b.close({
      clientOrderId: 'x',
      symbol: 'NQ',
      entrySide: 'BUY',
      quantity: 1,
      entryOrderId: null,
      price: d(21000),
    });
    expect(b.onPrice('NQ', d(20800))).toEqual([]);
    expect(b.positions.get('NQ')!.net).toBe(0);
  });

  it('open P&L at the marks; a position without a mark counts 0', () => {
    const b = book();
    b.placeEntry(entry({ stopLoss: null, takeProfit: null }), null);
    b.placeEntry(entry({ symbol: 'MNQ', stopLoss: null, takeProfit: null }), null);
    expect(b.openPnl((s) => (s === 'NQ' ? d('20990.25') : null))).toEqual(d(-195));
  });

  it('a bracket resized after a partial reduction: its stop sells what is left, flat, never short', () => {
    const b = book();
    b.placeEntry(entry({ quantity: 3 }), null);
    b.placeEntry(entry({ clientOrderId: 'r-1', side: 'SELL', stopLoss: null, takeProfit: null }), null);
    const legs = [...b.orders.values()].filter((o) => o.parentId !== null);
    for (const leg of legs) expect(b.resize(leg.id, 2).quantity).toBe(2);
    const [fill] = b.onPrice('NQ', d(20950));
    expect(fill).toMatchObject({ side: 'SELL', quantity: 2 });
    expect(b.positions.get('NQ')!.net).toBe(0);
    expect(() => b.resize(legs[0].id, 1)).toThrow('is not working');
  });

  it('a resize to a size that is not a whole number above 0 is refused', () => {
    const b = book();
    b.placeEntry(entry({ quantity: 3 }), null);
    const stop = [...b.orders.values()].find((x) => x.type === 'STOP')!;
    for (const q of [0, -1, 1.5]) expect(() => b.resize(stop.id, q)).toThrow(PaperRejection);
    expect(stop.quantity).toBe(3);
  });

  it('cancels only what is still working', () => {
    const b = book();
    const o = b.placeEntry(entry(), null);
    expect(() => b.cancel(o.id)).toThrow('is not working');
    const stop = [...b.orders.values()].find((x) => x.type === 'STOP')!;
    expect(b.cancel(stop.id).status).toBe('CANCELLED');
  });
});

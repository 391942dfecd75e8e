import Decimal from 'decimal.js';
import { rootOf } from './fake-ledger';
import { FakeMarket, Trigger } from './fake-market';

/** A working order the way a fake hands it to the market, with its status kept here. */
function order(
  market: FakeMarket,
  t: Omit<Trigger, 'active' | 'fill' | 'cancel' | 'level'> & { level: string },
) {
  const state = { status: 'WORKING' as 'WORKING' | 'FILLED' | 'CANCELLED', fillPrice: '' };
  market.watch({
    ...t,
    level: new Decimal(t.level),
    active: () => state.status === 'WORKING',
    fill: (price) => {
      state.status = 'FILLED';
      state.fillPrice = price.toString();
      market.fill({
        accountId: 'A',
        symbol: t.symbol,
        side: t.side,
        quantity: 2,
        price,
        orderId: t.orderId,
        clientOrderId: null,
      });
    },
    cancel: () => {
      state.status = 'CANCELLED';
    },
  });
  return state;
}

describe('FakeMarket', () => {
  it('one price per root: MNQZ5, MNQ1!, CME_MINI:MNQ1! and MNQ are one market; NQ and NQG are others', () => {
    expect(['MNQZ5', 'MNQ1!', 'CME_MINI:MNQ1!', 'MNQ', 'MNQZ2025'].map(rootOf)).toEqual(Array(5).fill('MNQ'));
    expect(['NQZ5', 'NQGZ5', 'M2KH6', 'ES'].map(rootOf)).toEqual(['NQ', 'NQG', 'M2K', 'ES']);
    const market = new FakeMarket();
    market.setPrice('MNQ', '21000.25');
    expect(market.price('MNQZ5').toString()).toBe('21000.25');
    expect(market.hasPrice('NQZ5')).toBe(false);
    expect(market.price('NQZ5').toString()).toBe('18000'); // the default mark
  });

  it('a price crossing a stop fills it at the market and cancels its OCO sibling', () => {
    const market = new FakeMarket();
    market.fill({
      accountId: 'A',
      symbol: 'NQZ5',
      side: 'BUY',
      quantity: 2,
      price: new Decimal('21000'),
      orderId: '1',
      clientOrderId: 'c',
    });
    market.setPrice('NQ', '21000');
    const stop = order(market, {
      orderId: '2',
      symbol: 'NQZ5',
      side: 'SELL',
      type: 'STOP',
      level: '20950',
      oco: 'b1',
    });
    const target = order(market, {
      orderId: '3',
      symbol: 'NQZ5',
      side: 'SELL',
      type: 'LIMIT',
      level: '21100',
      oco: 'b1',
    });
    market.setPrice('NQ', '20960');
    expect([stop.status, target.status]).toEqual(['WORKING', 'WORKING']);
    market.setPrice('NQ', '20949.5');
    expect(stop).toEqual({ status: 'FILLED', fillPrice: '20949.5' });
    expect(target.status).toBe('CANCELLED');
    expect(market.ledger.positions('A')).toEqual([]);
    expect(market.ledger.balance('A').toString()).toBe('47980'); // 50,000 − 50.5 × 2 × 20
    market.setPrice('NQ', '21200');
    expect(target.status).toBe('CANCELLED'); // a cancelled leg never fills later
  });

  it('a limit fills at its own level when the price reaches it', () => {
    const market = new FakeMarket();
    const buy = order(market, {
      orderId: '1',
      symbol: 'ES',
      side: 'BUY',
      type: 'LIMIT',
      level: '4990.25',
      oco: null,
    });
    market.setPrice('ESZ5', '4991');
    expect(buy.status).toBe('WORKING');
    market.setPrice('ESZ5', '4989');
    expect(buy).toEqual({ status: 'FILLED', fillPrice: '4990.25' });
  });

  it('open P&L at a moved price, average price over adds, realized P&L on a partial exit', () => {
    const market = new FakeMarket([{ id: 'A', balance: '25000' }]);
    const fill = (side: 'BUY' | 'SELL', quantity: number, price: string) =>
      market.fill({
        accountId: 'A',
        symbol: 'MNQZ5',
        side,
        quantity,
        price: new Decimal(price),
        orderId: 'o',
        clientOrderId: null,
      });
    fill('BUY', 1, '21000');
    fill('BUY', 1, '21001.5');
    expect(market.ledger.position('A', 'MNQZ5')?.average.toString()).toBe('21000.75');
    market.setPrice('MNQ', '21010.25');
    expect(market.openPnl('A').toString()).toBe('38'); // (21010.25 − 21000.75) × 2 × 2
    const exit = fill('SELL', 1, '21010.25');
    expect(exit.realized?.toString()).toBe('19');
    expect(market.ledger.balance('A').toString()).toBe('25019');
    expect(market.openPnl('A').toString()).toBe('19');
    expect(fill('SELL', 3, '21000').realized?.toString()).toBe('-1.5'); // closes 1, then short 2
    expect(market.ledger.position('A', 'MNQZ5')).toMatchObject({ net: -2, average: new Decimal('21000') });
  });

  it('duplicate fills: listed twice with the same id; late fills: listed only after the delay', () => {
    const market = new FakeMarket();
    const fill = () =>
      market.fill({
        accountId: 'A',
        symbol: 'ES',
        side: 'BUY',
        quantity: 1,
        price: new Decimal('5000'),
        orderId: 'o',
        clientOrderId: null,
      });
    const events: number[] = [];
    market.subscribe((e) => e.kind === 'fill' && events.push(e.fill.id));
    const first = fill();
    market.setDuplicateFills(true);
    const second = fill();
    expect(market.ledger.fills('A').map((f) => f.id)).toEqual([first.id, second.id, second.id]);
    expect(events).toEqual([first.id, second.id, second.id]);
    expect(first.id).not.toBe(second.id);
    market.setDuplicateFills(false);
    market.setLateFills(1000);
    const late = fill();
    expect(market.ledger.fills('A').map((f) => f.id)).not.toContain(late.id);
    expect(market.ledger.fills('A', Date.now() + 1001).map((f) => f.id)).toContain(late.id);
    expect(market.ledger.position('A', 'ES')?.net).toBe(3); // booked at once, only reported late
  });

  it('the control routes: price, duplicate-fills, late-fills; bad bodies are 400', () => {
    const market = new FakeMarket();
    expect(market.control('/_fake/price', { symbol: 'MNQ', price: '21000.25' })).toEqual({
      status: 200,
      body: { root: 'MNQ', price: '21000.25' },
    });
    expect(market.control('/_fake/price', { symbol: 'MNQ', price: 'abc' })?.status).toBe(400);
    expect(market.control('/_fake/duplicate-fills', { on: true })?.status).toBe(200);
    expect(market.control('/_fake/late-fills', { ms: -1 })?.status).toBe(400);
    expect(market.control('/orders', {})).toBeUndefined();
  });

  it('the order-fault controls: stop legs and stop orders rejected n times, 0 clears, cleared with the market', () => {
    const market = new FakeMarket();
    expect(market.control('/_fake/reject-stop-leg', {})).toEqual({
      status: 200,
      body: { fault: 'reject-stop-leg', times: 1 },
    });
    expect(market.control('/_fake/reject-stop-order', { times: 2 })?.status).toBe(200);
    expect(market.control('/_fake/reject-stop-order', { times: -1 })?.status).toBe(400);
    expect([1, 2, 3].map(() => market.orderFaults.take('stop-order'))).toEqual([true, true, false]);
    expect([1, 2].map(() => market.orderFaults.take('stop-leg'))).toEqual([true, false]);
    market.control('/_fake/reject-stop-leg', { times: 3 });
    market.control('/_fake/reject-stop-leg', { times: 0 });
    expect(market.orderFaults.take('stop-leg')).toBe(false);
    market.control('/_fake/reject-stop-leg', { times: 3 });
    market.clear();
    expect(market.orderFaults.take('stop-leg')).toBe(false);
  });
});

import type { FakePlatform } from '../../src/connectors/fakes/fake-platform';
import { startTradovateFake } from '../../src/connectors/fakes/tradovate-fake';
import {
  count,
  expectKind,
  failure,
  order,
  sleep,
  TV_CREDENTIALS,
  tradovateConnector,
} from './tradovate-support';

type Json = Record<string, unknown>;
const bodyOf = (fake: FakePlatform, id: string): Json => fake.orders().find((o) => o.id === id)?.body as Json;

describe('Tradovate adapter against the loopback Tradovate fake', () => {
  let fake: FakePlatform;

  beforeAll(async () => {
    fake = await startTradovateFake({ credentials: TV_CREDENTIALS });
  });
  afterAll(() => fake.close());
  beforeEach(() => fake.reset());

  describe('authentication', () => {
    it('requests one access token and reuses it while it is valid', async () => {
      const tv = tradovateConnector(fake);
      await tv.authenticate();
      await tv.placeOrder(order());
      await tv.getOrderStatus(fake.orders()[0].id);
      expect(count(fake, '/auth/accesstokenrequest')).toBe(1);
      expect(count(fake, '/auth/renewaccesstoken')).toBe(0);
      expect(tv.secrets()).toEqual(expect.arrayContaining([TV_CREDENTIALS.password, TV_CREDENTIALS.sec]));
      expect(tv.secrets()).toHaveLength(3);
    });

    it('fails FATAL on bad credentials, naming the platform error', async () => {
      const tv = tradovateConnector(fake, { config: { password: 'wrong-password' } });
      const error = await expectKind(tv.authenticate(), 'FATAL');
      expect(error.message).toContain('Incorrect username or password');
    });

    it('renews the token with /auth/renewaccesstoken before it expires, never a new token request', async () => {
      const shortLived = await startTradovateFake({ credentials: TV_CREDENTIALS, tokenTtlS: 1.2 });
      try {
        const tv = tradovateConnector(shortLived);
        await tv.placeOrder(order());
        const first = tv.secrets()[2];
        await sleep(700);
        await tv.placeOrder(order());
        await sleep(700);
        await tv.placeOrder(order());
        expect(count(shortLived, '/auth/accesstokenrequest')).toBe(1);
        expect(count(shortLived, '/auth/renewaccesstoken')).toBe(2);
        expect(tv.secrets()[2]).not.toBe(first);
        expect(shortLived.orders()).toHaveLength(3);
      } finally {
        await shortLived.close();
      }
    });

    it('on a 401 requests a new token once and repeats the call', async () => {
      const tv = tradovateConnector(fake);
      await tv.authenticate();
      fake.addFault({ fault: { kind: 'expired-token' }, path: '/order/placeorder', times: 1 });
      const placed = await tv.placeOrder(order());
      expect(placed.status).toBe('ACCEPTED');
      expect(count(fake, '/auth/accesstokenrequest')).toBe(2);
      expect(fake.orders()).toHaveLength(1);
    });

    it('a second 401 is FATAL and nothing is placed', async () => {
      const tv = tradovateConnector(fake);
      fake.addFault({ fault: { kind: 'expired-token' }, path: '/order/placeorder' });
      await expectKind(tv.placeOrder(order()), 'FATAL');
      expect(fake.orders()).toHaveLength(0);
    });
  });

  describe('orders', () => {
    it('places a market order for the front month of a continuous symbol, automated and tagged', async () => {
      const tv = tradovateConnector(fake);
      const o = order({ symbol: 'CME_MINI:NQ1!', quantity: 2 });
      const placed = await tv.placeOrder(o);
      expect(placed.raw_request).toEqual({
        accountSpec: 'DEMO123',
        accountId: 4242,
        clOrdId: o.client_order_id,
        action: 'Buy',
        symbol: 'NQZ5',
        orderQty: 2,
        orderType: 'Market',
        isAutomated: true,
      });
      expect(fake.orders()).toEqual([
        expect.objectContaining({
          id: placed.external_order_id,
          symbol: 'NQZ5',
          status: 'Filled',
          quantity: 2,
        }),
      ]);
      expect(fake.positions()).toEqual({ NQZ5: 2 });
    });

    it('resolves the front month once per root and passes an explicit month through', async () => {
      const tv = tradovateConnector(fake);
      await tv.placeOrder(order({ symbol: 'NQ1!' }));
      await tv.placeOrder(order({ symbol: 'NQ1!' }));
      await tv.placeOrder(order({ symbol: 'NQH2026' }));
      expect(count(fake, '/contract/suggest')).toBe(1);
      expect(fake.orders().map((o) => o.symbol)).toEqual(['NQZ5', 'NQZ5', 'NQH6']);
    });

    it('a burst of first orders on a cold connector shares one front-month lookup', async () => {
      const tv = tradovateConnector(fake);
      await tv.authenticate();
      await Promise.all(Array.from({ length: 8 }, () => tv.placeOrder(order({ symbol: 'NQ1!' }))));
      expect(count(fake, '/contract/suggest')).toBe(1);
      expect(fake.orders()).toHaveLength(8);
    });

    it('places a long limit bracket with placeoso: take profit Limit, stop loss Stop, prices on the tick', async () => {
      const tv = tradovateConnector(fake);
      const o = order({
        order_type: 'LIMIT',
        entry_price: 18000.1,
        stop_loss: 17950.13,
        take_profit: 18100.37,
      });
      const placed = await tv.placeOrder(o);
      expect(count(fake, '/order/placeoso')).toBe(1);
      expect(placed.raw_request).toMatchObject({
        orderType: 'Limit',
        price: 18000,
        bracket1: { action: 'Sell', orderType: 'Limit', price: 18100.25 },
        bracket2: { action: 'Sell', orderType: 'Stop', stopPrice: 17950.25 },
      });
      const entry = fake.orders().find((r) => r.id === placed.external_order_id);
      expect(placed.bracket_order_ids).toEqual(entry?.bracketIds);
      expect(fake.orders().map((r) => [r.type, r.status])).toEqual([
        ['Limit', 'Working'],
        ['Limit', 'Suspended'],
        ['Stop', 'Suspended'],
      ]);
    });

    it('places a short market bracket with buy-side children, and a stop-loss-only bracket as bracket1', async () => {
      const tv = tradovateConnector(fake);
      const short = await tv.placeOrder(
        order({ side: 'SELL', entry_price: 18000, stop_loss: 18020, take_profit: 17950 }),
      );
      expect(short.raw_request).toMatchObject({
        action: 'Sell',
        bracket1: { action: 'Buy', orderType: 'Limit', price: 17950 },
        bracket2: { action: 'Buy', orderType: 'Stop', stopPrice: 18020 },
      });
      expect(short.bracket_order_ids).toHaveLength(2);
      const slOnly = await tv.placeOrder(order({ symbol: 'CLZ5', stop_loss: 70.123 }));
      expect(slOnly.raw_request).toMatchObject({
        bracket1: { action: 'Sell', orderType: 'Stop', stopPrice: 70.12 },
      });
      expect(bodyOf(fake, slOnly.external_order_id)).not.toHaveProperty('bracket2');
    });

    it('places a trailing stop loss as a TrailingStop bracket that trails the market, then fills', async () => {
      const tv = tradovateConnector(fake);
      fake.setPrice('NQZ5', '18000');
      const long = await tv.placeOrder(
        order({ entry_price: 18000, stop_loss: 17990, trail_distance: 10, take_profit: 18100 }),
      );
      expect(long.raw_request).toMatchObject({
        bracket1: { action: 'Sell', orderType: 'Limit', price: 18100 },
        bracket2: { action: 'Sell', orderType: 'TrailingStop', stopPrice: 17990, pegDifference: -10 },
      });
      const stop = () => fake.orders().find((r) => r.type === 'TrailingStop')!;
      expect([stop().side, stop().status]).toEqual(['SELL', 'Working']);
      // the market rises 30: the stop follows to 18020; a fall to 18025 leaves it there, 18020 fills it
      fake.setPrice('NQZ5', '18030');
      fake.setPrice('NQZ5', '18025');
      expect(stop().status).toBe('Working');
      fake.setPrice('NQZ5', '18020');
      expect(stop().status).toBe('Filled');
      expect(fake.positions()).toEqual({ NQZ5: 0 });
      const short = await tv.placeOrder(
        order({ side: 'SELL', entry_price: 18000, stop_loss: 18005.1, trail_distance: 5.1 }),
      );
      expect(short.raw_request).toMatchObject({
        bracket1: { action: 'Buy', orderType: 'TrailingStop', stopPrice: 18005, pegDifference: 5 },
      });
    });

    it('the fake refuses a TrailingStop whose pegDifference is signed the wrong way, like the platform', async () => {
      const tv = tradovateConnector(fake);
      // a negative distance is never built from an alert; here it makes the adapter send a Sell stop's
      // pegDifference positive, which the fake refuses as the platform would
      const refused = await failure(
        tv.placeOrder(order({ entry_price: 18000, stop_loss: 17990, trail_distance: -10 })),
      );
      expect(refused.message).toContain('pegDifference must be negative for a Sell trailing stop');
      expect(fake.orders()).toEqual([]);
    });

    it('sends a break-even as an order strategy whose stop moves to the fill once N ticks are made', async () => {
      const tv = tradovateConnector(fake);
      fake.setPrice('NQZ5', '18000');
      const o = order({ entry_price: 18000, stop_loss: 17990, take_profit: 18100, break_even_ticks: 8 });
      const placed = await tv.placeOrder(o);
      expect(count(fake, '/orderstrategy/startorderstrategy')).toBe(1);
      expect(count(fake, '/order/placeoso')).toBe(0);
      const body = placed.raw_request as Record<string, unknown>;
      expect(body).toMatchObject({
        action: 'Buy',
        symbol: 'NQZ5',
        orderStrategyTypeId: 2,
        uuid: o.client_order_id,
      });
      expect(JSON.parse(String(body.params))).toEqual({
        entryVersion: { orderQty: 1, orderType: 'Market' },
        brackets: [
          { qty: 1, profitTarget: 100, stopLoss: -10, trailingStop: false, breakeven: 2, breakevenPlus: 0 },
        ],
      });
      expect(fake.orders().map((r) => [r.id === placed.external_order_id, r.type, r.status])).toEqual([
        [true, 'Market', 'Filled'],
        [false, 'Limit', 'Working'],
        [false, 'Stop', 'Working'],
      ]);
      expect(placed.bracket_order_ids).toHaveLength(2);
      // found again by the strategy's uuid (it has no clOrdId)
      expect(await tv.findOrderByClientId(o.client_order_id, o.symbol)).toMatchObject({
        external_order_id: placed.external_order_id,
        bracket_order_ids: placed.bracket_order_ids,
      });
      // 1.75 points up: not yet; 2 points up: the stop moves to 18000; back to 18000 fills it, flat at no loss
      fake.setPrice('NQZ5', '18001.75');
      fake.setPrice('NQZ5', '18000.25');
      expect(fake.orders()[2].status).toBe('Working');
      fake.setPrice('NQZ5', '18002');
      fake.setPrice('NQZ5', '18000');
      expect(fake.orders()[2].status).toBe('Filled');
      expect(fake.positions()).toEqual({ NQZ5: 0 });
    });

    it('a short break-even strategy signs its offsets the other way; a bad strategy is REJECTED', async () => {
      const tv = tradovateConnector(fake);
      const short = await tv.placeOrder(
        order({
          side: 'SELL',
          order_type: 'LIMIT',
          entry_price: 18000.1,
          stop_loss: 18010,
          break_even_ticks: 4,
        }),
      );
      expect(JSON.parse(String((short.raw_request as Record<string, unknown>).params))).toEqual({
        entryVersion: { orderQty: 1, orderType: 'Limit', price: 18000 },
        brackets: [{ qty: 1, stopLoss: 10, trailingStop: false, breakeven: 1, breakevenPlus: 0 }],
      });
      const refused = await failure(tv.placeOrder(order({ stop_loss: 17990, break_even_ticks: 4 })));
      expect(refused.message).toContain('a break-even needs entry_price and stop_loss');
    });

    it('reads an order status and cancels a working order; cancelling it again is REJECTED', async () => {
      const tv = tradovateConnector(fake);
      const placed = await tv.placeOrder(order({ order_type: 'STOP', entry_price: 18100 }));
      expect((await tv.getOrderStatus(placed.external_order_id)).status).toBe('Working');
      expect((await tv.cancelOrder(placed.external_order_id)).status).toBe('PendingCancel');
      expect((await tv.getOrderStatus(placed.external_order_id)).status).toBe('Canceled');
      const again = await expectKind(tv.cancelOrder(placed.external_order_id), 'REJECTED');
      expect(again.message).toContain('TooLate');
      await expectKind(tv.getOrderStatus('999999'), 'REJECTED');
    });

    it('finds an order by client order id through its New command, with its brackets', async () => {
      const tv = tradovateConnector(fake);
      const o = order({ stop_loss: 17900, take_profit: 18100 });
      const placed = await tv.placeOrder(o);
      const found = await tv.findOrderByClientId(o.client_order_id, o.symbol);
      expect(found).toMatchObject({
        external_order_id: placed.external_order_id,
        status: 'Filled',
        bracket_order_ids: placed.bracket_order_ids,
      });
      expect(await tv.findOrderByClientId('never-sent', o.symbol)).toBeNull();
    });
  });

  describe('exits', () => {
    it('closes a whole long: cancels its brackets, then liquidates the position', async () => {
      const tv = tradovateConnector(fake);
      const entry = await tv.placeOrder(order({ quantity: 2, stop_loss: 17900, take_profit: 18100 }));
      const closed = await tv.closePosition({
        symbol: 'NQ1!',
        entry_side: 'BUY',
        quantity: 2,
        entry_external_order_id: entry.external_order_id,
        client_order_id: 'exit-1',
      });
      expect(closed.status).toBe('ACCEPTED');
      expect(count(fake, '/order/cancelorder')).toBe(2);
      expect(count(fake, '/order/liquidateposition')).toBe(1);
      expect(fake.positions()).toEqual({ NQZ5: 0 });
      expect(
        fake
          .orders()
          .filter((o) => entry.bracket_order_ids?.includes(o.id))
          .map((o) => o.status),
      ).toEqual(['Canceled', 'Canceled']);
    });

    it('closes part of a shared position with an opposite market order tagged with the exit id', async () => {
      const tv = tradovateConnector(fake);
      const first = await tv.placeOrder(order({ side: 'SELL', quantity: 1 }));
      await tv.placeOrder(order({ side: 'SELL', quantity: 2 }));
      const closed = await tv.closePosition({
        symbol: 'NQZ5',
        entry_side: 'SELL',
        quantity: 1,
        entry_external_order_id: first.external_order_id,
        client_order_id: 'exit-2',
      });
      expect(closed.raw_request).toMatchObject({
        action: 'Buy',
        orderQty: 1,
        orderType: 'Market',
        clOrdId: 'exit-2',
      });
      expect(count(fake, '/order/liquidateposition')).toBe(0);
      expect(fake.positions()).toEqual({ NQZ5: -2 });
    });

    it('reports Flat when nothing is open, after cancelling an unfilled entry', async () => {
      const tv = tradovateConnector(fake);
      const entry = await tv.placeOrder(order({ order_type: 'LIMIT', entry_price: 17000 }));
      const closed = await tv.closePosition({
        symbol: 'NQ1!',
        entry_side: 'BUY',
        quantity: 1,
        entry_external_order_id: entry.external_order_id,
        client_order_id: 'exit-3',
      });
      expect(closed).toMatchObject({ status: 'Flat', external_order_id: entry.external_order_id });
      expect(fake.orders()[0].status).toBe('Canceled');
      expect(count(fake, '/order/liquidateposition') + count(fake, '/order/placeorder')).toBe(1);
    });
  });
});

import type { FakePlatform } from '../../src/connectors/fakes/fake-platform';
import { startProjectXFake } from '../../src/connectors/fakes/projectx-fake';
import { ManualClock, PX_ACCOUNT, PX_CREDENTIALS, projectXConnector } from './projectx-support';
import { count, expectKind, order } from './tradovate-support';

const HOUR = 3_600_000;

describe('ProjectX adapter against the loopback ProjectX Gateway fake', () => {
  let fake: FakePlatform;

  beforeAll(async () => {
    fake = await startProjectXFake({ credentials: PX_CREDENTIALS });
  });
  afterAll(() => fake.close());
  beforeEach(() => fake.reset());

  describe('authentication', () => {
    it('logs in once with the API key and reuses the session token', async () => {
      const px = projectXConnector(fake);
      await px.authenticate();
      await px.placeOrder(order());
      await px.getOrderStatus(fake.orders()[0].id);
      expect(count(fake, '/api/Auth/loginKey')).toBe(1);
      expect(count(fake, '/api/Auth/validate')).toBe(0);
      const [apiKey, token] = px.secrets();
      expect(apiKey).toBe(PX_CREDENTIALS.apiKey);
      expect(token.split('.')).toHaveLength(3);
    });

    it('fails FATAL on a bad API key, with the platform message', async () => {
      const error = await expectKind(
        projectXConnector(fake, { config: { apiKey: 'wrong' } }).authenticate(),
        'FATAL',
      );
      expect(error.message).toBe('ProjectX login failed: Invalid user name or API key');
    });

    it('re-validates the token half-way through its life, and logs in again once it has expired', async () => {
      const clock = new ManualClock();
      const px = projectXConnector(fake, { clock });
      await px.authenticate();
      clock.advance(11 * HOUR);
      await px.authenticate();
      expect(count(fake, '/api/Auth/validate')).toBe(0);
      clock.advance(2 * HOUR);
      await px.placeOrder(order());
      expect(count(fake, '/api/Auth/validate')).toBe(1);
      expect(count(fake, '/api/Auth/loginKey')).toBe(1);
      clock.advance(25 * HOUR);
      await px.authenticate();
      expect(count(fake, '/api/Auth/loginKey')).toBe(2);
    });

    it('renews a short-lived token with /api/Auth/validate at half its own life, the new token being accepted', async () => {
      // a token living 60 s (its JWT exp, not the 24 h default) is renewed 30 s on; the connector's clock is
      // moved 31 s while the fake's stays real (the token still live there): no timing on a loaded host
      const shortLived = await startProjectXFake({ credentials: PX_CREDENTIALS, tokenTtlS: 60 });
      try {
        const clock = new ManualClock();
        const px = projectXConnector(shortLived, { clock });
        await px.placeOrder(order());
        const first = px.secrets()[1];
        clock.advance(29_000);
        await px.placeOrder(order());
        expect(count(shortLived, '/api/Auth/validate')).toBe(0);
        clock.advance(2_000);
        await px.placeOrder(order());
        expect(count(shortLived, '/api/Auth/validate')).toBe(1);
        expect(count(shortLived, '/api/Auth/loginKey')).toBe(1);
        expect(px.secrets()[1]).not.toBe(first);
        expect(shortLived.orders()).toHaveLength(3);
      } finally {
        await shortLived.close();
      }
    });

    it('on a 401 logs in again once and repeats the call; a second 401 is FATAL', async () => {
      const px = projectXConnector(fake);
      await px.authenticate();
      fake.addFault({ fault: { kind: 'expired-token' }, path: '/api/Order/place', times: 1 });
      expect((await px.placeOrder(order())).status).toBe('ACCEPTED');
      expect(count(fake, '/api/Auth/loginKey')).toBe(2);
      fake.addFault({ fault: { kind: 'expired-token' }, path: '/api/Order/place' });
      await expectKind(px.placeOrder(order()), 'FATAL');
      expect(fake.orders()).toHaveLength(1);
    });
  });

  describe('orders', () => {
    it('places a market order on the active contract with numeric codes and customTag', async () => {
      const px = projectXConnector(fake);
      const o = order({ symbol: 'CME_MINI:NQ1!', quantity: 3, side: 'SELL' });
      const placed = await px.placeOrder(o);
      expect(placed.raw_request).toEqual({
        accountId: PX_ACCOUNT,
        contractId: 'CON.F.US.ENQ.Z25',
        type: 2,
        side: 1,
        size: 3,
        limitPrice: null,
        stopPrice: null,
        trailPrice: null,
        customTag: o.client_order_id,
        stopLossBracket: null,
        takeProfitBracket: null,
      });
      expect(fake.orders()).toEqual([
        expect.objectContaining({
          id: placed.external_order_id,
          clientOrderId: o.client_order_id,
          status: 'Filled',
        }),
      ]);
      expect(fake.positions()).toEqual({ NQZ5: -3 });
    });

    it('searches contracts once per root for two orders, and never confuses NQ with MNQ or NQG', async () => {
      const px = projectXConnector(fake);
      await px.placeOrder(order({ symbol: 'NQ1!' }));
      await px.placeOrder(order({ symbol: 'NQ1!' }));
      await px.placeOrder(order({ symbol: 'NQH2026', order_type: 'LIMIT', entry_price: 17000 }));
      await px.placeOrder(order({ symbol: 'MNQ1!' }));
      expect(count(fake, '/api/Contract/search')).toBe(2);
      expect(fake.orders().map((o) => o.symbol)).toEqual(['NQZ5', 'NQZ5', 'NQH6', 'MNQZ5']);
    });

    it('a burst of first orders on a cold connector shares one contract search', async () => {
      const px = projectXConnector(fake);
      await px.authenticate();
      await Promise.all(Array.from({ length: 8 }, () => px.placeOrder(order({ symbol: 'NQ1!' }))));
      expect(count(fake, '/api/Contract/search')).toBe(1);
      expect(fake.orders()).toHaveLength(8);
    });

    it('puts limit and stop prices on the tick', async () => {
      const px = projectXConnector(fake);
      const limit = await px.placeOrder(order({ symbol: 'CL1!', order_type: 'LIMIT', entry_price: 70.126 }));
      const stop = await px.placeOrder(order({ order_type: 'STOP', entry_price: 18100.4 }));
      expect(limit.raw_request).toMatchObject({ type: 1, limitPrice: 70.13, stopPrice: null });
      expect(stop.raw_request).toMatchObject({ type: 4, stopPrice: 18100.5, limitPrice: null });
    });

    it('refuses a second order with the same customTag, like the platform', async () => {
      const px = projectXConnector(fake);
      const o = order();
      await px.placeOrder(o);
      const error = await expectKind(px.placeOrder(o), 'REJECTED');
      expect(error.message).toContain('errorCode 2');
      expect(error.message).toContain(`custom tag ${o.client_order_id} already exists`);
      expect(fake.orders()).toHaveLength(1);
    });

    it('cancels an open order and reads its status; cancelling it again is REJECTED', async () => {
      const px = projectXConnector(fake);
      const placed = await px.placeOrder(order({ order_type: 'LIMIT', entry_price: 17000 }));
      expect((await px.getOrderStatus(placed.external_order_id)).status).toBe('Open');
      expect((await px.cancelOrder(placed.external_order_id)).status).toBe('Cancelled');
      expect((await px.getOrderStatus(placed.external_order_id)).status).toBe('Cancelled');
      await expectKind(px.cancelOrder(placed.external_order_id), 'REJECTED');
      await expectKind(px.getOrderStatus('424242'), 'REJECTED');
    });

    it('finds an order by customTag with /api/Order/search over a start window', async () => {
      const px = projectXConnector(fake);
      const o = order();
      const placed = await px.placeOrder(o);
      const found = await px.findOrderByClientId(o.client_order_id, o.symbol);
      expect(found).toMatchObject({ external_order_id: placed.external_order_id, status: 'Filled' });
      expect(found?.raw_request).toEqual({ accountId: PX_ACCOUNT, startTimestamp: expect.any(String) });
      expect(await px.findOrderByClientId('never-sent', o.symbol)).toBeNull();
    });
  });

  describe('brackets in ticks', () => {
    it('signs a long: stop loss negative, take profit positive, rounded to whole ticks from off-tick prices', async () => {
      const px = projectXConnector(fake);
      const o = order({ entry_price: 18000.1, stop_loss: 17990.13, take_profit: 18020.2 });
      const placed = await px.placeOrder(o);
      expect(placed.raw_request).toMatchObject({
        stopLossBracket: { ticks: -40, type: 4 },
        takeProfitBracket: { ticks: 80, type: 1 },
      });
      const entry = fake.orders().find((r) => r.id === placed.external_order_id);
      expect(entry?.bracketIds).toHaveLength(2);
    });

    it('signs a short the other way', async () => {
      const px = projectXConnector(fake);
      const placed = await px.placeOrder(
        order({ side: 'SELL', entry_price: 18000, stop_loss: 18010.1, take_profit: 17950.05 }),
      );
      expect(placed.raw_request).toMatchObject({
        side: 1,
        stopLossBracket: { ticks: 40, type: 4 },
        takeProfitBracket: { ticks: -200, type: 1 },
      });
    });

    it('places a trailing stop loss as a type 5 bracket that trails the market at the fake, then fills', async () => {
      const px = projectXConnector(fake);
      fake.setPrice('NQZ5', '18000');
      const placed = await px.placeOrder(order({ entry_price: 18000, stop_loss: 17990, trail_distance: 10 }));
      expect(placed.raw_request).toMatchObject({ stopLossBracket: { ticks: -40, type: 5 } });
      const stop = () => fake.orders().find((r) => r.type === 'TrailingStop')!;
      expect([stop().side, stop().status, (stop().body as Record<string, unknown>).stopPrice]).toEqual([
        'SELL',
        'Open',
        17990,
      ]);
      fake.setPrice('NQZ5', '18050');
      fake.setPrice('NQZ5', '18041');
      expect(stop().status).toBe('Open');
      fake.setPrice('NQZ5', '18040');
      expect(stop().status).toBe('Filled');
      const short = await px.placeOrder(
        order({ side: 'SELL', entry_price: 18000, stop_loss: 18002.5, trail_distance: 2.5 }),
      );
      expect(short.raw_request).toMatchObject({ stopLossBracket: { ticks: 10, type: 5 } });
    });

    it('uses the contract tick size and never sends zero ticks', async () => {
      const px = projectXConnector(fake);
      const placed = await px.placeOrder(order({ symbol: 'CL1!', entry_price: 70.005, stop_loss: 70.001 }));
      expect(placed.raw_request).toMatchObject({
        stopLossBracket: { ticks: -1, type: 4 },
        takeProfitBracket: null,
      });
    });

    it('refuses, without sending, a stop on the wrong side or brackets without an entry price', async () => {
      const px = projectXConnector(fake);
      const wrongSide = await expectKind(
        px.placeOrder(order({ entry_price: 18000, stop_loss: 18010 })),
        'REJECTED',
      );
      expect(wrongSide.message).toBe('ProjectX: stop_loss 18010 must be below the entry 18000 for a BUY');
      await expectKind(px.placeOrder(order({ take_profit: 18100 })), 'REJECTED');
      expect(count(fake, '/api/Order/place')).toBe(0);
    });
  });

  describe('exits', () => {
    const exit = (overrides: Record<string, unknown> = {}) => ({
      symbol: 'NQ1!',
      entry_side: 'BUY' as const,
      quantity: 2,
      entry_external_order_id: null,
      client_order_id: 'exit-1',
      ...overrides,
    });

    it('closes a whole long: cancels its brackets, then closeContract', async () => {
      const px = projectXConnector(fake);
      const entry = await px.placeOrder(
        order({ quantity: 2, entry_price: 18000, stop_loss: 17990, take_profit: 18020 }),
      );
      const closed = await px.closePosition(exit({ entry_external_order_id: entry.external_order_id }));
      expect(closed).toMatchObject({ status: 'CloseRequested', external_order_id: 'CON.F.US.ENQ.Z25' });
      expect(count(fake, '/api/Position/closeContract')).toBe(1);
      expect(count(fake, '/api/Order/cancel')).toBe(2);
      expect(fake.positions()).toEqual({ NQZ5: 0 });
      const brackets = fake.orders().filter((o) => o.side === 'SELL' && o.type !== 'Market');
      expect(brackets.map((o) => [o.type, o.status])).toEqual([
        ['Stop', 'Cancelled'],
        ['Limit', 'Cancelled'],
      ]);
    });

    it('closes part of a shared short with partialCloseContract and leaves the brackets working', async () => {
      const px = projectXConnector(fake);
      await px.placeOrder(order({ side: 'SELL', quantity: 1 }));
      await px.placeOrder(order({ side: 'SELL', quantity: 2, entry_price: 18000, stop_loss: 18010 }));
      const closed = await px.closePosition(exit({ entry_side: 'SELL', quantity: 1 }));
      expect(closed.raw_request).toEqual({ accountId: PX_ACCOUNT, contractId: 'CON.F.US.ENQ.Z25', size: 1 });
      expect(count(fake, '/api/Order/cancel')).toBe(0);
      expect(fake.positions()).toEqual({ NQZ5: -2 });
    });

    it('reports Flat when no position is open, cancelling an unfilled entry', async () => {
      const px = projectXConnector(fake);
      const entry = await px.placeOrder(order({ order_type: 'LIMIT', entry_price: 17000 }));
      const closed = await px.closePosition(exit({ entry_external_order_id: entry.external_order_id }));
      expect(closed).toMatchObject({ status: 'Flat', external_order_id: entry.external_order_id });
      expect(fake.orders()[0].status).toBe('Cancelled');
      expect(count(fake, '/api/Position/closeContract')).toBe(0);
    });
  });
});

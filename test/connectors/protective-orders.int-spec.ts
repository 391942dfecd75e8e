import { Logger } from '@nestjs/common';
import type { FakePlatform } from '../../src/connectors/fakes/fake-platform';
import type { PlatformWorkingOrder } from '../../src/shared-kernel/platform-state';
import { startProjectXFake } from '../../src/connectors/fakes/projectx-fake';
import { startRestFake } from '../../src/connectors/fakes/rest-fake';
import { startTradovateFake } from '../../src/connectors/fakes/tradovate-fake';
import { PX_CREDENTIALS } from './projectx-support';
import { API_KEY, buildGateway, GatewayUnderTest, marketOrder } from './rest-support';
import { control, setPrice } from './state-support';
import { TV_CREDENTIALS } from './tradovate-support';

interface Platform {
  name: 'rest' | 'tradovate' | 'projectx';
  start(): Promise<FakePlatform>;
  /** Adds the login and its two accounts to the gateway's directory; their ids. */
  attach(t: GatewayUnderTest, fake: FakePlatform): number[];
  /** Whether the platform's working orders carry the client order id (Tradovate's do not). */
  echoesClientId: boolean;
}

const PLATFORMS: Platform[] = [
  {
    name: 'rest',
    start: () =>
      startRestFake({
        credentials: { apiKey: API_KEY },
        accounts: [
          { id: 'R-1', name: 'one' },
          { id: 'R-2', name: 'two' },
        ],
      }),
    attach: (t, fake) => {
      const c = t.directory.addConnection({
        name: 'rest',
        platform: 'rest',
        baseUrl: `${fake.url}/v1`,
        credentials: { api_key: API_KEY },
      });
      return ['R-1', 'R-2'].map((a) => t.directory.addAccount(c.id, { label: a, platformAccount: a }).id);
    },
    echoesClientId: true,
  },
  {
    name: 'tradovate',
    start: () =>
      startTradovateFake({
        credentials: TV_CREDENTIALS,
        accounts: [
          { id: 7001, name: 'TV-1' },
          { id: 7002, name: 'TV-2' },
        ],
      }),
    attach: (t, fake) => {
      const { username, password, cid, sec } = TV_CREDENTIALS;
      const credentials = { username, password, cid, sec, app_id: 'PropRouter', app_version: '1.0' };
      const c = t.directory.addConnection({
        name: 'tv',
        platform: 'tradovate',
        baseUrl: fake.url,
        credentials,
      });
      return [
        [7001, 'TV-1'],
        [7002, 'TV-2'],
      ].map(
        ([id, spec]) =>
          t.directory.addAccount(c.id, {
            label: String(spec),
            platformAccount: String(id),
            platformAccountSpec: String(spec),
          }).id,
      );
    },
    echoesClientId: false,
  },
  {
    name: 'projectx',
    start: () =>
      startProjectXFake({
        credentials: PX_CREDENTIALS,
        accounts: [
          { id: 465, name: 'PX-1' },
          { id: 466, name: 'PX-2' },
        ],
      }),
    attach: (t, fake) => {
      const credentials = { username: PX_CREDENTIALS.userName, api_key: PX_CREDENTIALS.apiKey };
      const c = t.directory.addConnection({
        name: 'px',
        platform: 'projectx',
        baseUrl: fake.url,
        credentials,
      });
      return [465, 466].map(
        (id) => t.directory.addAccount(c.id, { label: `px-${id}`, platformAccount: String(id) }).id,
      );
    },
    echoesClientId: true,
  },
];

const bracketEntry = () =>
  marketOrder({ symbol: 'NQ1!', quantity: 2, entry_price: 21000, stop_loss: 20950, take_profit: 21100 });
const stopOf = (clientOrderId: string) => ({
  symbol: 'NQ1!',
  side: 'SELL' as const,
  quantity: 2,
  stop_price: 20950.1, // snapped to the 0.25 tick where the platform has one
  client_order_id: clientOrderId,
});

describe.each(PLATFORMS)('protective orders on the $name fake: readPosition and placeStop', (platform) => {
  let fake: FakePlatform;
  let t: GatewayUnderTest;
  let ids: number[];

  beforeAll(async () => {
    Logger.overrideLogger(false);
    fake = await platform.start();
  });
  afterAll(() => fake.close());
  beforeEach(async () => {
    fake.reset();
    t = buildGateway({});
    ids = platform.attach(t, fake);
    await setPrice(fake, 'NQ', '21000');
  });
  afterEach(() => t.close());

  const stops = async (accountId: number) => {
    const r = await t.gateway.readPosition(accountId, 'NQ1!');
    if (r.status !== 'SUCCESS') throw new Error(r.error_message);
    const working = r.position.workingOrders.filter((o) => o.type === 'STOP');
    return {
      net: r.position.netQuantity,
      stops: working.map((o) => [o.side, o.quantity, o.stopPrice]),
      working,
    };
  };

  it('reads the account’s position and its bracket’s working stop leg, not the other account’s', async () => {
    expect((await t.gateway.placeOrder(ids[0], bracketEntry())).status).toBe('SUCCESS');
    expect(await stops(ids[0])).toMatchObject({ net: 2, stops: [['SELL', 2, '20950']] });
    expect(await stops(ids[1])).toMatchObject({ net: 0, stops: [] });
  });

  it('a rejected stop leg leaves the position uncovered; placeStop covers it with a working stop', async () => {
    await control(fake, 'reject-stop-leg', {});
    expect((await t.gateway.placeOrder(ids[0], bracketEntry())).status).toBe('SUCCESS');
    expect(await stops(ids[0])).toMatchObject({ net: 2, stops: [] });

    const placed = await t.gateway.placeStop(ids[0], stopOf('coid-protect-1'));
    expect(placed).toMatchObject({ status: 'SUCCESS', error_message: null });
    const after = await stops(ids[0]);
    // Tradovate and ProjectX snap to the contract's tick; the generic API sends the price as given
    const level = platform.name === 'rest' ? '20950.1' : '20950';
    expect(after).toMatchObject({ net: 2, stops: [['SELL', 2, level]] });
    expect(after.working[0].orderId).toBe(placed.external_order_id);
    if (platform.echoesClientId) expect(after.working[0].clientOrderId).toBe('coid-protect-1');
  });

  it('a stop order refused by the platform is FAILED with its reason, nothing left working', async () => {
    expect((await t.gateway.placeOrder(ids[0], marketOrder({ symbol: 'NQ1!', quantity: 2 }))).status).toBe(
      'SUCCESS',
    );
    await control(fake, 'reject-stop-order', {});
    const refused = await t.gateway.placeStop(ids[0], stopOf('coid-protect-2'));
    expect(refused.status).toBe('FAILED');
    expect(refused.error_message).toMatch(/^REJECTED: .*Stop order rejected \(fault: reject-stop-order\)/);
    expect(await stops(ids[0])).toMatchObject({ net: 2, stops: [] });
  });

  describe('resizeOrder: a bracket brought down to what is left after a partial reduction', () => {
    const legsOf = async (accountId: number) => {
      const r = await t.gateway.readPosition(accountId, 'NQ1!');
      if (r.status !== 'SUCCESS') throw new Error(r.error_message);
      const legs = r.position.workingOrders.filter((o) => o.side === 'SELL');
      return { net: r.position.netQuantity, legs, sizes: legs.map((o) => [o.type, o.quantity]).sort() };
    };
    const long3ReducedBy1 = async () => {
      const entry = marketOrder({
        symbol: 'NQ1!',
        quantity: 3,
        entry_price: 21000,
        stop_loss: 20950,
        take_profit: 21100,
      });
      expect((await t.gateway.placeOrder(ids[0], entry)).status).toBe('SUCCESS');
      const reduce = marketOrder({ symbol: 'NQ1!', side: 'SELL', quantity: 1 });
      expect((await t.gateway.placeOrder(ids[0], reduce)).status).toBe('SUCCESS');
      const before = await legsOf(ids[0]);
      expect(before).toMatchObject({
        net: 2,
        sizes: [
          ['LIMIT', 3],
          ['STOP', 3],
        ],
      });
      return before.legs;
    };
    const resize = (order: PlatformWorkingOrder, quantity: number, id: string) =>
      t.gateway.resizeOrder(ids[0], { symbol: 'NQ1!', order, quantity, client_order_id: id });

    it('long 3 reduced by 1: stop and target resized to 2; the stop then sells 2 — flat, never short', async () => {
      const legs = await long3ReducedBy1();
      for (const [i, leg] of legs.entries()) {
        const done = await resize(leg, 2, `coid-resize-${i}`);
        expect(done).toMatchObject({ status: 'SUCCESS', error_message: null });
        // the generic API cannot modify: its replacement is a new order, the others keep their id
        if (platform.name === 'rest') expect(done.external_order_id).not.toBe(leg.orderId);
        else expect(done.external_order_id).toBe(leg.orderId);
      }
      expect(await legsOf(ids[0])).toMatchObject({
        net: 2,
        sizes: [
          ['LIMIT', 2],
          ['STOP', 2],
        ],
      });
      await setPrice(fake, 'NQ', '20940');
      expect((await legsOf(ids[0])).net).toBe(0);
      // the market coming back through the target opens nothing (OCO, or reduce-only on the generic API)
      await setPrice(fake, 'NQ', '21150');
      expect((await legsOf(ids[0])).net).toBe(0);
      // and at the fake itself: every contract of every account flat
      expect(Object.values(fake.accountPositions()).flatMap((c) => Object.values(c))).toEqual([0]);
    });

    it('an order that filled meanwhile is not resized: FAILED with the platform’s reason', async () => {
      const stop = (await long3ReducedBy1()).find((o) => o.type === 'STOP')!;
      await setPrice(fake, 'NQ', '20940'); // the stop for 3 fills against 2 held: what the resize prevents
      expect((await legsOf(ids[0])).net).toBe(-1);
      const refused = await resize(stop, 2, 'coid-resize-gone');
      expect(refused.status).toBe('FAILED');
      expect(refused.error_message).toMatch(/^REJECTED: /);
    });
  });
});

import { Logger } from '@nestjs/common';
import type { FakePlatform } from '../../src/connectors/fakes/fake-platform';
import { startProjectXFake } from '../../src/connectors/fakes/projectx-fake';
import { PX_CREDENTIALS } from './projectx-support';
import { buildGateway, GatewayUnderTest, marketOrder } from './rest-support';
import { control, setPrice, stateReader } from './state-support';

const ACCOUNTS = [
  { id: 465, name: 'TS-50K-A' },
  { id: 466, name: 'TS-150K-B', balance: '150000' },
];

describe('ProjectX account state: the fake market and the PlatformStateReader', () => {
  let fake: FakePlatform;
  let t: GatewayUnderTest;
  let ids: number[];

  beforeAll(async () => {
    Logger.overrideLogger(false);
    fake = await startProjectXFake({ credentials: PX_CREDENTIALS, accounts: ACCOUNTS });
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.reset();
    t = buildGateway({});
    const c = t.directory.addConnection({
      name: 'topstep-login',
      platform: 'projectx',
      baseUrl: fake.url,
      credentials: { username: PX_CREDENTIALS.userName, api_key: PX_CREDENTIALS.apiKey },
    });
    ids = ACCOUNTS.map(
      (a) => t.directory.addAccount(c.id, { label: a.name, platformAccount: String(a.id) }).id,
    );
  });
  afterEach(() => t.close());

  it('entry, price move, target hit: position, balance, trades with ids and P&L, working bracket legs', async () => {
    await setPrice(fake, 'NQ', '21000');
    const order = marketOrder({
      symbol: 'NQ1!',
      quantity: 2,
      entry_price: 21000,
      stop_loss: 20950,
      take_profit: 21100.5,
    });
    expect((await t.gateway.placeOrder(ids[1], order)).status).toBe('SUCCESS');
    await setPrice(fake, 'NQ', '21050');

    const reader = stateReader(t);
    const open = await reader.snapshot(ids[1], null);
    expect(open).toMatchObject({
      accountId: ids[1],
      balance: '150000',
      openPnl: null, // the Gateway reports none over REST
      positions: [{ symbol: 'NQZ5', netQuantity: 2, averagePrice: '21000' }],
    });
    expect(open.fills).toEqual([
      expect.objectContaining({
        symbol: 'NQZ5',
        side: 'BUY',
        quantity: 2,
        price: '21000',
        fillId: expect.any(String),
      }),
    ]);
    const legs = open.workingOrders.map((o) => [o.type, o.side, o.quantity, o.stopPrice, o.limitPrice]);
    expect(legs).toEqual([
      ['STOP', 'SELL', 2, '20950', null],
      ['LIMIT', 'SELL', 2, null, '21100.5'],
    ]);

    await setPrice(fake, 'NQ', '21101'); // through the target: filled at its limit, the stop cancelled
    const flat = await reader.snapshot(ids[1], null);
    expect(flat).toMatchObject({ positions: [], workingOrders: [], balance: '154020' });
    expect(flat.fills.map((f) => [f.side, f.quantity, f.price])).toEqual([
      ['BUY', 2, '21000'],
      ['SELL', 2, '21100.5'],
    ]);
    expect(fake.orders().find((o) => o.type === 'Stop')?.status).toBe('Cancelled');

    const other = await reader.snapshot(ids[0], null);
    expect(other).toMatchObject({ balance: '50000', positions: [], fills: [], workingOrders: [] });
  });

  it('a short, a limit entry filled by the market, duplicate trades counted once', async () => {
    await control(fake, 'duplicate-fills', { on: true });
    const short = await t.gateway.placeOrder(
      ids[0],
      marketOrder({ symbol: 'NQ1!', side: 'SELL', quantity: 1 }),
    );
    expect(short.status).toBe('SUCCESS');
    const limit = marketOrder({ symbol: 'ES', order_type: 'LIMIT', entry_price: 4990.25, quantity: 1 });
    expect((await t.gateway.placeOrder(ids[0], limit)).status).toBe('SUCCESS');
    const reader = stateReader(t);
    const before = await reader.snapshot(ids[0], null);
    expect(before.positions).toEqual([{ symbol: 'NQZ5', netQuantity: -1, averagePrice: '18000' }]);
    expect(before.workingOrders).toEqual([expect.objectContaining({ type: 'LIMIT', limitPrice: '4990.25' })]);
    await setPrice(fake, 'ESZ5', '4990');
    const after = await reader.snapshot(ids[0], null);
    expect(after.positions).toEqual([
      { symbol: 'NQZ5', netQuantity: -1, averagePrice: '18000' },
      { symbol: 'ESZ5', netQuantity: 1, averagePrice: '4990.25' },
    ]);
    expect(after.fills).toHaveLength(2);
    expect(after.workingOrders).toEqual([]);
  });
});

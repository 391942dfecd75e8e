import { Logger } from '@nestjs/common';
import type { FakePlatform } from '../../src/connectors/fakes/fake-platform';
import { startRestFake } from '../../src/connectors/fakes/rest-fake';
import { API_KEY, buildGateway, GatewayUnderTest, marketOrder } from './rest-support';
import { control, setPrice, stateReader } from './state-support';

const ACCOUNTS = [
  { id: 'R-1', name: 'Rest one' },
  { id: 'R-2', name: 'Rest two', balance: 100000 },
];

describe('generic REST account state: the fake market and the PlatformStateReader', () => {
  let fake: FakePlatform;
  let t: GatewayUnderTest;
  let ids: number[];

  beforeAll(async () => {
    Logger.overrideLogger(false);
    fake = await startRestFake({ credentials: { apiKey: API_KEY }, accounts: ACCOUNTS });
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.reset();
    t = buildGateway({});
    const c = t.directory.addConnection({
      name: 'rest-key',
      platform: 'rest',
      baseUrl: `${fake.url}/v1`,
      credentials: { api_key: API_KEY },
    });
    ids = ACCOUNTS.map((a) => t.directory.addAccount(c.id, { label: a.name, platformAccount: a.id }).id);
  });
  afterEach(() => t.close());

  it('entry, price move, stop hit: position, open P&L, balance, fills with ids, working bracket legs', async () => {
    await setPrice(fake, 'MNQ', '21000.25');
    const order = marketOrder({
      symbol: 'MNQ1!',
      side: 'SELL',
      quantity: 3,
      stop_loss: 21010.5,
      take_profit: 20950,
    });
    expect((await t.gateway.placeOrder(ids[0], order)).status).toBe('SUCCESS');
    await setPrice(fake, 'MNQ', '20990');

    const reader = stateReader(t);
    const open = await reader.snapshot(ids[0], null);
    expect(open).toMatchObject({
      balance: '50000',
      openPnl: '61.5', // (21000.25 − 20990) × 3 × 2
      realizedPnl: '0',
      positions: [{ symbol: 'MNQ1!', netQuantity: -3, averagePrice: '21000.25' }],
    });
    const [entryFill] = open.fills;
    expect(entryFill).toMatchObject({
      side: 'SELL',
      quantity: 3,
      price: '21000.25',
      clientOrderId: order.client_order_id,
    });
    expect(entryFill.fillId).toMatch(/^F-\d+$/);
    const legs = open.workingOrders.map((o) => [o.type, o.side, o.quantity, o.stopPrice, o.limitPrice]);
    expect(legs).toEqual([
      ['STOP', 'BUY', 3, '21010.5', null],
      ['LIMIT', 'BUY', 3, null, '20950'],
    ]);

    await setPrice(fake, 'MNQ', '21011');
    const flat = await reader.snapshot(ids[0], null);
    expect(flat).toMatchObject({ positions: [], workingOrders: [], openPnl: '0' });
    expect(flat.balance).toBe('49935.5'); // 50,000 + (21000.25 − 21011) × 3 × 2
    expect(flat.realizedPnl).toBe('-64.5');
    const since = await reader.snapshot(ids[0], new Date(Date.parse(flat.fills[1].filledAt)));
    expect(since.fills.map((f) => f.price)).toEqual(['21011']);

    expect(await reader.snapshot(ids[1], null)).toMatchObject({
      balance: '100000',
      positions: [],
      fills: [],
    });
  });

  it('without a set price a market order fills at its entry_price; duplicate fills listed twice, counted once', async () => {
    await control(fake, 'duplicate-fills', { on: true });
    await t.gateway.placeOrder(ids[1], marketOrder({ symbol: 'ES', quantity: 1, entry_price: 5012.5 }));
    const res = await fetch(`${fake.url}/v1/fills?account_id=R-2`, {
      headers: { authorization: `Bearer ${API_KEY}` },
    });
    const { fills } = (await res.json()) as { fills: { fill_id: string }[] };
    expect(fills.map((f) => f.fill_id)).toEqual([fills[0].fill_id, fills[0].fill_id]);
    const snapshot = await stateReader(t).snapshot(ids[1], null);
    expect(snapshot.fills).toHaveLength(1);
    expect(snapshot.positions).toEqual([{ symbol: 'ES', netQuantity: 1, averagePrice: '5012.5' }]);
  });

  it('a refused key rejects without the key in the error (the fake echoes it, as careless APIs do)', async () => {
    const key = 'rest-wrong-key-SECRET-4711';
    const c = t.directory.addConnection({
      name: 'bad',
      platform: 'rest',
      baseUrl: `${fake.url}/v1`,
      credentials: { api_key: key },
    });
    const account = t.directory.addAccount(c.id, { label: 'bad', platformAccount: 'R-1' });
    const error = (await stateReader(t)
      .snapshot(account.id, null)
      .catch((e: unknown) => e)) as Error & { kind?: string };
    expect(error.kind).toBe('FATAL');
    expect(
      JSON.stringify({ message: error.message, details: (error as { details?: unknown }).details }),
    ).not.toContain(key);
    expect(fake.requests().some((r) => r.path.startsWith('/v1/accounts/R-1'))).toBe(true);
  });

  it('an account naming no platform account cannot be read', async () => {
    const c = t.directory.addConnection({
      name: 'r2',
      platform: 'rest',
      baseUrl: `${fake.url}/v1`,
      credentials: { api_key: API_KEY },
    });
    const bare = t.directory.addAccount(c.id, { label: 'bare' });
    await expect(stateReader(t).snapshot(bare.id, null)).rejects.toThrow(/platform_account/);
  });
});

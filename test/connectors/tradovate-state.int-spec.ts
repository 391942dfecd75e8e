import { Logger } from '@nestjs/common';
import type { FakePlatform } from '../../src/connectors/fakes/fake-platform';
import { startTradovateFake } from '../../src/connectors/fakes/tradovate-fake';
import { buildGateway, GatewayUnderTest, marketOrder } from './rest-support';
import { control, setPrice, sleep, stateReader } from './state-support';
import { accessToken, count, TV_CREDENTIALS } from './tradovate-support';

const ACCOUNTS = [
  { id: 7001, name: 'APEX-50K-01', balance: '50000' },
  { id: 7002, name: 'APEX-50K-02', balance: 25000 },
];

describe('Tradovate account state: the fake market and the PlatformStateReader', () => {
  let fake: FakePlatform;
  let t: GatewayUnderTest;
  let ids: number[];

  beforeAll(async () => {
    Logger.overrideLogger(false);
    fake = await startTradovateFake({ credentials: TV_CREDENTIALS, accounts: ACCOUNTS });
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.reset();
    t = buildGateway({});
    const c = t.directory.addConnection({
      name: 'apex-login',
      platform: 'tradovate',
      baseUrl: fake.url,
      credentials: {
        username: TV_CREDENTIALS.username,
        password: TV_CREDENTIALS.password,
        app_id: 'PropRouter',
        app_version: '1.0',
        cid: TV_CREDENTIALS.cid,
        sec: TV_CREDENTIALS.sec,
      },
    });
    ids = ACCOUNTS.map(
      (a, i) =>
        t.directory.addAccount(c.id, {
          label: `apex-${i + 1}`,
          platformAccount: String(a.id),
          platformAccountSpec: a.name,
        }).id,
    );
  });
  afterEach(() => t.close());

  it('entry, price move, stop hit: position, open P&L, balance, fills with ids, working bracket legs', async () => {
    await setPrice(fake, 'NQ', '21000');
    const order = marketOrder({
      symbol: 'NQ1!',
      quantity: 2,
      entry_price: 21000,
      stop_loss: 20950,
      take_profit: 21100,
    });
    expect((await t.gateway.placeOrder(ids[0], order)).status).toBe('SUCCESS');
    await setPrice(fake, 'NQZ5', '21010.25');

    const reader = stateReader(t);
    const open = await reader.snapshot(ids[0], null);
    expect(open).toMatchObject({
      accountId: ids[0],
      balance: '50000',
      openPnl: '410',
      realizedPnl: '0',
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
    expect(legs.sort()).toEqual([
      ['LIMIT', 'SELL', 2, null, '21100'],
      ['STOP', 'SELL', 2, '20950', null],
    ]);
    expect(count(fake, '/contract/item')).toBe(1);

    await setPrice(fake, 'NQ', '20949.75'); // through the stop: filled at the market, the target cancelled
    const flat = await reader.snapshot(ids[0], null);
    expect(flat).toMatchObject({ positions: [], workingOrders: [], openPnl: '0' });
    expect(flat.balance).toBe('47990'); // 50,000 + (20,949.75 − 21,000) × 2 × 20
    expect(flat.realizedPnl).toBe('-2010');
    expect(flat.fills.map((f) => [f.side, f.price])).toEqual([
      ['BUY', '21000'],
      ['SELL', '20949.75'],
    ]);
    expect(new Set(flat.fills.map((f) => f.fillId)).size).toBe(2);
    const since = await reader.snapshot(ids[0], new Date(Date.parse(flat.fills[1].filledAt)));
    expect(since.fills.map((f) => f.fillId)).toEqual([flat.fills[1].fillId]);

    const other = await reader.snapshot(ids[1], null);
    expect(other).toMatchObject({ balance: '25000', positions: [], fills: [], workingOrders: [] });
  });

  it('duplicate fills are listed twice by the platform and once in the snapshot; late fills show up late', async () => {
    await control(fake, 'duplicate-fills', { on: true });
    await t.gateway.placeOrder(ids[1], marketOrder({ symbol: 'ES1!', quantity: 1, side: 'SELL' }));
    const listed = (await (await fetch(`${fake.url}/fill/list`, { headers: await bearer(fake) })).json()) as {
      id: number;
    }[];
    expect(listed).toHaveLength(2);
    expect(listed[0].id).toBe(listed[1].id);
    const snapshot = await stateReader(t).snapshot(ids[1], null);
    expect(snapshot.fills).toHaveLength(1);
    expect(snapshot.positions).toEqual([{ symbol: 'ESZ5', netQuantity: -1, averagePrice: '5000' }]);

    await control(fake, 'late-fills', { ms: 300 });
    await t.gateway.placeOrder(ids[1], marketOrder({ symbol: 'ES1!', quantity: 1, side: 'BUY' }));
    expect((await stateReader(t).snapshot(ids[1], null)).fills).toHaveLength(1);
    await sleep(350);
    expect((await stateReader(t).snapshot(ids[1], null)).fills).toHaveLength(2);
  });

  it('reads of several accounts at once share one set of user-wide list requests', async () => {
    const reader = stateReader(t);
    await reader.snapshot(ids[0], null); // logs in
    const before = count(fake, '/fill/list');
    const both = await Promise.all(ids.map((id) => reader.snapshot(id, null)));
    expect(both.map((s) => s.balance)).toEqual(['50000', '25000']);
    expect(count(fake, '/fill/list') - before).toBe(1);
    expect(count(fake, '/cashBalance/getCashBalanceSnapshot')).toBe(3);
  });

  it('an unreadable platform rejects with a ConnectorError', async () => {
    fake.addFault({ fault: { kind: 'http', status: 503 }, path: '/fill/list' });
    await expect(stateReader(t).snapshot(ids[0], null)).rejects.toMatchObject({ kind: 'TRANSIENT' });
  });
});

async function bearer(fake: FakePlatform): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await accessToken(fake)}` };
}

import type { PropsData } from './tradovate-frames';
import { TradovatePictures } from './tradovate-pictures';

const AT = '2026-12-02T10:00:00.000Z';
const NQ = 3000001;
/** Tradovate account 7001 is trading account 1, 7002 is 2; 7003 belongs to no one here. */
const ACCOUNTS = new Map([
  [7001, 1],
  [7002, 2],
]);

const order = (id: number, accountId: number, ordStatus = 'Filled') => ({
  id,
  accountId,
  contractId: NQ,
  action: 'Buy',
  ordStatus,
});
const fill = (id: number, orderId: number, price = 21000.25) => ({
  id,
  orderId,
  contractId: NQ,
  timestamp: AT,
  action: 'Buy',
  qty: 1,
  price,
  active: true,
});
const ev = (entityType: string, entity: Record<string, unknown>, eventType = 'Created'): PropsData =>
  ({ entityType, eventType, entity }) as PropsData;

function loaded(): TradovatePictures {
  const p = new TradovatePictures(ACCOUNTS);
  p.load({
    users: [{ id: 7 }],
    cashBalances: [
      { id: 1, accountId: 7001, amount: 50000, realizedPnL: 0, openPnL: 10.1 },
      { id: 2, accountId: 7002, amount: 25000.5, realizedPnL: 0.5 },
    ],
    positions: [{ id: 90, accountId: 7001, contractId: NQ, netPos: 1, netPrice: 21000.25 }],
    orders: [order(5001, 7001), order(5002, 7001, 'Working')],
    orderVersions: [{ id: 5002, orderId: 5002, orderQty: 1, orderType: 'Stop', stopPrice: 20950.5 }],
    fills: [fill(70001, 5001)],
    contracts: [{ id: NQ, name: 'NQZ5' }],
  });
  return p;
}

describe('TradovatePictures: snapshot + props events → each account picture', () => {
  it('builds every account picture from the snapshot, money as exact decimal text', () => {
    const p = loaded();
    expect(p.picture(1, AT)).toEqual({
      accountId: 1,
      balance: '50000',
      openPnl: '10.1',
      realizedPnl: '0',
      positions: [{ symbol: 'NQZ5', netQuantity: 1, averagePrice: '21000.25' }],
      fills: [expect.objectContaining({ fillId: '70001', orderId: '5001', price: '21000.25', side: 'BUY' })],
      workingOrders: [
        {
          orderId: '5002',
          clientOrderId: null,
          symbol: 'NQZ5',
          side: 'BUY',
          quantity: 1,
          type: 'STOP',
          stopPrice: '20950.5',
          limitPrice: null,
        },
      ],
      readAt: AT,
    });
    expect(p.picture(2, AT)).toMatchObject({ balance: '25000.5', openPnl: null, positions: [], fills: [] });
  });

  it('reports a fill once per id, in the picture after it first arrived, however often it comes', () => {
    const p = loaded();
    expect(p.picture(1, AT).fills).toHaveLength(1);
    expect(p.picture(1, AT).fills).toHaveLength(0);
    expect(p.apply(ev('fill', fill(70002, 5001)))).toEqual([1]);
    expect(p.apply(ev('fill', fill(70002, 5001)))).toEqual([]);
    expect(p.picture(1, AT).fills.map((f) => f.fillId)).toEqual(['70002']);
    p.load({ fills: [fill(70001, 5001), fill(70002, 5001)], orders: [order(5001, 7001)] });
    expect(p.picture(1, AT).fills).toEqual([]);
  });

  it('holds a fill whose order is not known yet until the order arrives', () => {
    const p = loaded();
    p.picture(1, AT);
    expect(p.apply(ev('fill', fill(70003, 5003)))).toEqual([]);
    expect(p.apply(ev('order', order(5003, 7001)))).toEqual([1]);
    expect(p.picture(1, AT).fills.map((f) => f.fillId)).toEqual(['70003']);
  });

  it('applies position, cash balance, order and order version events to the account they name', () => {
    const p = loaded();
    p.picture(1, AT);
    expect(
      p.apply(ev('position', { id: 90, accountId: 7001, contractId: NQ, netPos: 0 }, 'Updated')),
    ).toEqual([1]);
    expect(
      p.apply(ev('cashBalance', { accountId: 7001, amount: 49990.75, realizedPnL: -9.25, openPnL: 0 })),
    ).toEqual([1]);
    expect(p.apply(ev('order', order(5002, 7001, 'Canceled'), 'Updated'))).toEqual([1]);
    expect(p.picture(1, AT)).toMatchObject({
      balance: '49990.75',
      realizedPnl: '-9.25',
      openPnl: '0',
      positions: [],
      workingOrders: [],
      fills: [],
    });
    expect(p.apply(ev('order', order(5010, 7001, 'Working')))).toEqual([1]);
    expect(
      p.apply(ev('orderVersion', { id: 5010, orderId: 5010, orderQty: 3, orderType: 'Limit', price: 1 })),
    ).toEqual([1]);
    expect(p.picture(1, AT).workingOrders).toEqual([
      expect.objectContaining({ orderId: '5010', quantity: 3, type: 'LIMIT', limitPrice: '1' }),
    ]);
  });

  it('ignores accounts that are not the stream’s and entities it does not keep', () => {
    const p = loaded();
    expect(p.apply(ev('cashBalance', { accountId: 7003, amount: 1 }))).toEqual([]);
    expect(p.apply(ev('order', order(6000, 7003)))).toEqual([]);
    expect(p.apply(ev('fill', fill(70009, 6000)))).toEqual([]);
    expect(p.apply(ev('marginSnapshot', { id: 1, accountId: 7001 }))).toEqual([]);
    expect(p.picture(1, AT).fills).toHaveLength(1); // the snapshot's, nothing of 7003's
  });

  it('lists contract ids without a name until they are named', () => {
    const p = loaded();
    expect(p.unnamed()).toEqual([]);
    p.apply(ev('position', { id: 91, accountId: 7002, contractId: 3000009, netPos: -2, netPrice: 70.5 }));
    expect(p.unnamed()).toEqual([3000009]);
    p.named(3000009, 'CLZ5');
    expect(p.unnamed()).toEqual([]);
    expect(p.picture(2, AT).positions).toEqual([{ symbol: 'CLZ5', netQuantity: -2, averagePrice: '70.5' }]);
  });
});

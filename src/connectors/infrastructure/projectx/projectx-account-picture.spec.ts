import { AccountPicture } from './projectx-account-picture';
import { hubEvents, ProjectXHubEvent } from './projectx-hub-events';

const NQ = 'CON.F.US.ENQ.Z25';
const at = '2026-12-02T10:00:00.000Z';
const one = (kind: ProjectXHubEvent['kind'], payload: unknown) => hubEvents(kind, payload)[0];

const order = (status: number, extra: Record<string, unknown> = {}) =>
  one('order', {
    id: 9001,
    accountId: 465,
    contractId: NQ,
    status,
    type: 4,
    side: 1,
    size: 2,
    stopPrice: 20950,
    limitPrice: null,
    customTag: 'coid-1',
    ...extra,
  });
const trade = (id: number, extra: Record<string, unknown> = {}) =>
  one('trade', {
    id,
    accountId: 465,
    contractId: NQ,
    creationTimestamp: at,
    price: 21000.25,
    profitAndLoss: null,
    fees: 0,
    side: 0,
    size: 2,
    voided: false,
    orderId: 9000,
    ...extra,
  });
const position = (type: number, size: number, averagePrice: number | null) =>
  one('position', { id: 1, accountId: 465, contractId: NQ, creationTimestamp: at, type, size, averagePrice });

describe('AccountPicture (ProjectX user hub)', () => {
  let picture: AccountPicture;
  beforeEach(() => {
    picture = new AccountPicture(7);
    picture.reset({
      balance: '50000',
      openPnl: null,
      realizedPnl: null,
      positions: [],
      fills: [
        {
          fillId: '70001',
          orderId: '8999',
          clientOrderId: null,
          symbol: 'NQZ5',
          side: 'SELL',
          quantity: 1,
          price: '20990',
          filledAt: '2026-12-02T09:00:00.000Z',
        },
      ],
      workingOrders: [],
    });
  });

  it('starts from the REST read: its balance and its fills, once', () => {
    expect(picture.snapshot(at)).toEqual({
      accountId: 7,
      balance: '50000',
      openPnl: null,
      realizedPnl: null,
      positions: [],
      fills: [expect.objectContaining({ fillId: '70001' })],
      workingOrders: [],
      readAt: at,
    });
    expect(picture.snapshot(at).fills).toEqual([]);
  });

  it('applies an entry: the trade (echoing the order’s tag), the position, the stop working, the balance', () => {
    picture.snapshot(at);
    picture.apply(
      one('order', {
        id: 9000,
        accountId: 465,
        contractId: NQ,
        status: 2,
        type: 2,
        side: 0,
        size: 2,
        customTag: 'coid-0',
      }),
      'NQZ5',
    );
    picture.apply(trade(70002), 'NQZ5');
    picture.apply(position(1, 2, 21000.25), 'NQZ5');
    picture.apply(order(1), 'NQZ5');
    picture.apply(one('account', { id: 465, name: 'A', balance: 50012.35, canTrade: true }), '');
    expect(picture.snapshot(at)).toMatchObject({
      balance: '50012.35',
      positions: [{ symbol: 'NQZ5', netQuantity: 2, averagePrice: '21000.25' }],
      workingOrders: [
        {
          orderId: '9001',
          clientOrderId: 'coid-1',
          type: 'STOP',
          side: 'SELL',
          quantity: 2,
          stopPrice: '20950',
          limitPrice: null,
        },
      ],
      fills: [
        {
          fillId: '70002',
          orderId: '9000',
          clientOrderId: 'coid-0',
          symbol: 'NQZ5',
          side: 'BUY',
          quantity: 2,
          price: '21000.25',
          filledAt: at,
        },
      ],
    });
  });

  it('reports a trade pushed twice (or already read over REST) once', () => {
    picture.apply(trade(70001), 'NQZ5');
    picture.apply(trade(70002), 'NQZ5');
    picture.apply(trade(70002), 'NQZ5');
    expect(picture.snapshot(at).fills.map((f) => f.fillId)).toEqual(['70001', '70002']);
    picture.apply(trade(70002), 'NQZ5');
    expect(picture.snapshot(at).fills).toEqual([]);
  });

  it('skips a voided trade', () => {
    picture.snapshot(at);
    picture.apply(trade(70003, { voided: true }), 'NQZ5');
    expect(picture.snapshot(at).fills).toEqual([]);
  });

  it('a short is negative; a position of size 0 is gone; a filled or cancelled order stops working', () => {
    picture.apply(position(2, 3, 21000), 'NQZ5');
    picture.apply(order(6), 'NQZ5'); // pending still counts as working
    expect(picture.snapshot(at)).toMatchObject({
      positions: [{ netQuantity: -3 }],
      workingOrders: [{ orderId: '9001' }],
    });
    picture.apply(position(2, 0, null), 'NQZ5');
    picture.apply(order(3), 'NQZ5');
    expect(picture.snapshot(at)).toMatchObject({ positions: [], workingOrders: [] });
  });

  it('keeps money exact: a balance event of 0.1 + 0.2 style numbers is read digit for digit', () => {
    picture.apply(one('account', { id: 465, balance: 50000.3 }), '');
    expect(picture.snapshot(at).balance).toBe('50000.3');
    picture.apply(one('account', { id: 465, balance: null }), ''); // no balance in the event: kept
    expect(picture.snapshot(at).balance).toBe('50000.3');
  });

  it('a reset (reconnect) replaces positions and orders but never repeats a fill already handed out', () => {
    picture.apply(position(1, 1, 21000), 'NQZ5');
    picture.apply(order(1), 'NQZ5');
    picture.snapshot(at);
    picture.reset({
      balance: '49990',
      openPnl: null,
      realizedPnl: null,
      positions: [],
      workingOrders: [],
      fills: [
        {
          fillId: '70001',
          orderId: '8999',
          clientOrderId: null,
          symbol: 'NQZ5',
          side: 'SELL',
          quantity: 1,
          price: '20990',
          filledAt: '2026-12-02T09:00:00.000Z',
        },
        {
          fillId: '70009',
          orderId: '9001',
          clientOrderId: null,
          symbol: 'NQZ5',
          side: 'SELL',
          quantity: 1,
          price: '20950',
          filledAt: at,
        },
      ],
    });
    expect(picture.snapshot(at)).toMatchObject({
      balance: '49990',
      positions: [],
      workingOrders: [],
      fills: [{ fillId: '70009' }],
    });
  });
});

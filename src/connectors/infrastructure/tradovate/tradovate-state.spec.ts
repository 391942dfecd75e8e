import { contractIds, tradovateState, TradovateStateAnswers } from './tradovate-state';

const answers: TradovateStateAnswers = {
  cash: { totalCashValue: 49935.5, openPnL: 61.5, realizedPnL: -64.5, netLiq: 49997 },
  positions: [
    { accountId: 7001, contractId: 3000002, netPos: -3, netPrice: 21000.25 },
    { accountId: 7001, contractId: 3000000, netPos: 0, netPrice: null },
    { accountId: 7002, contractId: 3000000, netPos: 1, netPrice: 18000 },
  ],
  fills: [
    {
      id: 90002,
      orderId: 5003,
      contractId: 3000002,
      timestamp: '2026-12-02T09:00:02.000Z',
      action: 'Buy',
      qty: 1,
      price: 21010.75,
    },
    {
      id: 90001,
      orderId: 5001,
      contractId: 3000002,
      timestamp: '2026-12-02T09:00:01.000Z',
      action: 'Sell',
      qty: 4,
      price: 21000.25,
    },
    {
      id: 90001,
      orderId: 5001,
      contractId: 3000002,
      timestamp: '2026-12-02T09:00:01.000Z',
      action: 'Sell',
      qty: 4,
      price: 21000.25,
    },
    {
      id: 90003,
      orderId: 6001,
      contractId: 3000000,
      timestamp: '2026-12-02T09:00:03.000Z',
      action: 'Buy',
      qty: 1,
      price: 18000,
    },
  ],
  orders: [
    { id: 5001, accountId: 7001, contractId: 3000002, action: 'Sell', ordStatus: 'Filled' },
    { id: 5002, accountId: 7001, contractId: 3000002, action: 'Buy', ordStatus: 'Working' },
    { id: 5003, accountId: 7001, contractId: 3000002, action: 'Buy', ordStatus: 'Filled' },
    { id: 5004, accountId: 7001, contractId: 3000002, action: 'Buy', ordStatus: 'Canceled' },
    { id: 6001, accountId: 7002, contractId: 3000000, action: 'Buy', ordStatus: 'Filled' },
  ],
  versions: [
    { id: 5002, orderId: 5002, orderQty: 3, orderType: 'Limit', price: 20950 },
    { id: 5010, orderId: 5002, orderQty: 3, orderType: 'Stop', stopPrice: 21010.5, price: null },
  ],
};
const names: Record<number, string> = { 3000000: 'NQZ5', 3000002: 'MNQZ5' };
const nameOf = (id: number) => names[id];

describe('tradovateState: Tradovate REST answers → PlatformAccountSnapshot', () => {
  it('maps balance, P&L, positions, fills and working orders of one account, exact decimals', () => {
    expect(tradovateState(answers, 7001, null, nameOf)).toEqual({
      balance: '49935.5',
      openPnl: '61.5',
      realizedPnl: '-64.5',
      positions: [{ symbol: 'MNQZ5', netQuantity: -3, averagePrice: '21000.25' }],
      fills: [
        {
          fillId: '90001',
          orderId: '5001',
          clientOrderId: null,
          symbol: 'MNQZ5',
          side: 'SELL',
          quantity: 4,
          price: '21000.25',
          filledAt: '2026-12-02T09:00:01.000Z',
        },
        expect.objectContaining({ fillId: '90002', side: 'BUY', quantity: 1, price: '21010.75' }),
      ],
      workingOrders: [
        {
          orderId: '5002',
          clientOrderId: null,
          symbol: 'MNQZ5',
          side: 'BUY',
          quantity: 3,
          type: 'STOP', // the latest order version
          stopPrice: '21010.5',
          limitPrice: null,
        },
      ],
    });
  });

  it('keeps only fills at or after the cursor, and only the account’s own', () => {
    const state = tradovateState(answers, 7001, new Date('2026-12-02T09:00:02.000Z'), nameOf);
    expect(state.fills.map((f) => f.fillId)).toEqual(['90002']);
    expect(tradovateState(answers, 7002, null, nameOf).fills.map((f) => f.fillId)).toEqual(['90003']);
  });

  it('lists the contract ids to resolve for an account', () => {
    expect(contractIds(answers, 7001)).toEqual([3000002]);
    expect(contractIds(answers, 7002).sort()).toEqual([3000000]);
  });

  it('fields the platform left out are null', () => {
    const state = tradovateState({ ...answers, cash: {} }, 7002, null, nameOf);
    expect(state).toMatchObject({ balance: null, openPnl: null, realizedPnl: null });
  });
});

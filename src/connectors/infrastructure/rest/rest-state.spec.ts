import { restState } from './rest-state';

describe('restState: generic REST answers → PlatformAccountSnapshot', () => {
  const answers = {
    account: { account_id: 'R-1', balance: 49935.5, open_pnl: 61.5, realized_pnl: -64.5 },
    positions: {
      positions: { 'MNQ1!': -3, ES: 0 },
      open_positions: [{ symbol: 'MNQ1!', quantity: -3, average_price: 21000.25 }],
    },
    fills: {
      fills: [
        {
          fill_id: 'F-2',
          order_id: 'ORD-2',
          client_order_id: null,
          symbol: 'MNQ1!',
          side: 'BUY',
          quantity: 1,
          price: 21011,
          filled_at: '2026-12-02T09:00:02.000Z',
        },
        {
          fill_id: 'F-1',
          order_id: 'ORD-1',
          client_order_id: 'c-1',
          symbol: 'MNQ1!',
          side: 'SELL',
          quantity: 4,
          price: 21000.25,
          filled_at: '2026-12-02T09:00:01.000Z',
        },
        {
          fill_id: 'F-1',
          order_id: 'ORD-1',
          client_order_id: 'c-1',
          symbol: 'MNQ1!',
          side: 'SELL',
          quantity: 4,
          price: 21000.25,
          filled_at: '2026-12-02T09:00:01.000Z',
        },
      ],
    },
    orders: {
      orders: [
        {
          order_id: 'ORD-3',
          client_order_id: null,
          symbol: 'MNQ1!',
          side: 'BUY',
          quantity: 3,
          order_type: 'STOP',
          status: 'WORKING',
          price: 21010.5,
          entry_price: 21010.5,
        },
        {
          order_id: 'ORD-4',
          client_order_id: null,
          symbol: 'MNQ1!',
          side: 'BUY',
          quantity: 3,
          order_type: 'LIMIT',
          status: 'WORKING',
          entry_price: 20950,
        },
      ],
    },
  };

  it('maps balance, P&L, positions with average prices, fills (each id once, oldest first), working orders', () => {
    expect(restState(answers)).toEqual({
      balance: '49935.5',
      openPnl: '61.5',
      realizedPnl: '-64.5',
      positions: [{ symbol: 'MNQ1!', netQuantity: -3, averagePrice: '21000.25' }],
      fills: [
        {
          fillId: 'F-1',
          orderId: 'ORD-1',
          clientOrderId: 'c-1',
          symbol: 'MNQ1!',
          side: 'SELL',
          quantity: 4,
          price: '21000.25',
          filledAt: '2026-12-02T09:00:01.000Z',
        },
        expect.objectContaining({ fillId: 'F-2', side: 'BUY', price: '21011' }),
      ],
      workingOrders: [
        {
          orderId: 'ORD-3',
          clientOrderId: null,
          symbol: 'MNQ1!',
          side: 'BUY',
          quantity: 3,
          type: 'STOP',
          stopPrice: '21010.5',
          limitPrice: null,
        },
        {
          orderId: 'ORD-4',
          clientOrderId: null,
          symbol: 'MNQ1!',
          side: 'BUY',
          quantity: 3,
          type: 'LIMIT',
          stopPrice: null,
          limitPrice: '20950',
        },
      ],
    });
  });

  it('an API without open_positions gives positions without prices; a malformed list is an error', () => {
    const plain = restState({ ...answers, positions: { positions: { 'MNQ1!': -3, ES: 0 } } });
    expect(plain.positions).toEqual([{ symbol: 'MNQ1!', netQuantity: -3, averagePrice: null }]);
    expect(() => restState({ ...answers, fills: { fills: 'none' } })).toThrow();
  });
});

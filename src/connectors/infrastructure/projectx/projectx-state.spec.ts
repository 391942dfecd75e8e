import { contractIds, projectXState, ProjectXStateAnswers } from './projectx-state';

const answers: ProjectXStateAnswers = {
  accounts: [
    { id: 465, name: 'TS-50K-A', balance: 50123.45 },
    { id: 466, name: 'TS-150K-B', balance: 150000 },
  ],
  positions: [
    { accountId: 465, contractId: 'CON.F.US.ENQ.Z25', type: 2, size: 2, averagePrice: 21000.25 },
    { accountId: 465, contractId: 'CON.F.US.EP.Z25', type: 1, size: 1, averagePrice: 4990.5 },
  ],
  trades: [
    {
      id: 8002,
      orderId: 9002,
      contractId: 'CON.F.US.EP.Z25',
      creationTimestamp: '2026-12-02T09:00:02Z',
      price: 4990.5,
      profitAndLoss: null,
      side: 0,
      size: 1,
    },
    {
      id: 8001,
      orderId: 9001,
      contractId: 'CON.F.US.ENQ.Z25',
      creationTimestamp: '2026-12-02T09:00:01Z',
      price: 21000.25,
      profitAndLoss: null,
      side: 1,
      size: 2,
    },
    {
      id: 8001,
      orderId: 9001,
      contractId: 'CON.F.US.ENQ.Z25',
      creationTimestamp: '2026-12-02T09:00:01Z',
      price: 21000.25,
      profitAndLoss: null,
      side: 1,
      size: 2,
    },
    {
      id: 8003,
      orderId: 9003,
      contractId: 'CON.F.US.EP.Z25',
      creationTimestamp: '2026-12-02T09:00:03Z',
      price: 4991,
      side: 1,
      size: 1,
      voided: true,
    },
  ],
  orders: [
    {
      id: 9010,
      contractId: 'CON.F.US.ENQ.Z25',
      type: 4,
      side: 0,
      size: 2,
      stopPrice: 21010.5,
      limitPrice: null,
      customTag: null,
    },
    {
      id: 9011,
      contractId: 'CON.F.US.ENQ.Z25',
      type: 1,
      side: 0,
      size: 2,
      stopPrice: null,
      limitPrice: 20950.25,
      customTag: 'pr-1',
    },
  ],
};
const names: Record<string, string> = { 'CON.F.US.ENQ.Z25': 'NQZ5', 'CON.F.US.EP.Z25': 'ESZ5' };
const nameOf = (id: string) => names[id];

describe('projectXState: ProjectX Gateway answers → PlatformAccountSnapshot', () => {
  it('maps balance, positions (type 2 short), trades and open orders, exact decimals; no open P&L over REST', () => {
    expect(projectXState(answers, 465, null, nameOf)).toEqual({
      balance: '50123.45',
      openPnl: null,
      realizedPnl: null,
      positions: [
        { symbol: 'NQZ5', netQuantity: -2, averagePrice: '21000.25' },
        { symbol: 'ESZ5', netQuantity: 1, averagePrice: '4990.5' },
      ],
      fills: [
        {
          fillId: '8001',
          orderId: '9001',
          clientOrderId: null,
          symbol: 'NQZ5',
          side: 'SELL',
          quantity: 2,
          price: '21000.25',
          filledAt: '2026-12-02T09:00:01Z',
        },
        expect.objectContaining({ fillId: '8002', side: 'BUY', price: '4990.5' }),
      ],
      workingOrders: [
        {
          orderId: '9010',
          clientOrderId: null,
          symbol: 'NQZ5',
          side: 'BUY',
          quantity: 2,
          type: 'STOP',
          stopPrice: '21010.5',
          limitPrice: null,
        },
        {
          orderId: '9011',
          clientOrderId: 'pr-1',
          symbol: 'NQZ5',
          side: 'BUY',
          quantity: 2,
          type: 'LIMIT',
          stopPrice: null,
          limitPrice: '20950.25',
        },
      ],
    });
  });

  it('filters trades by the cursor; an account the login does not list is null', () => {
    const state = projectXState(answers, 465, new Date('2026-12-02T09:00:02Z'), nameOf);
    expect(state?.fills.map((f) => f.fillId)).toEqual(['8002']);
    expect(projectXState(answers, 999, null, nameOf)).toBeNull();
    expect(contractIds(answers)).toEqual(['CON.F.US.ENQ.Z25', 'CON.F.US.EP.Z25']);
  });
});

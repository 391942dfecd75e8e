import { eventAccount, eventContract, hubEvents } from './projectx-hub-events';

const trade = {
  id: 101112,
  accountId: 123,
  contractId: 'CON.F.US.EP.U25',
  creationTimestamp: '2026-12-02T13:47:00Z',
  price: 2100.75,
  profitAndLoss: 50.25,
  fees: 2.5,
  side: 0,
  size: 1,
  voided: false,
  orderId: 789,
};

describe('ProjectX user hub events', () => {
  it('takes the documented flat entity', () => {
    const events = hubEvents('trade', trade);
    expect(events).toEqual([{ kind: 'trade', entity: trade }]);
    expect(eventAccount(events[0])).toBe(123);
    expect(eventContract(events[0])).toBe('CON.F.US.EP.U25');
  });

  it('unwraps {action, data} and batches, as public clients report them', () => {
    const position = {
      id: 456,
      accountId: 123,
      contractId: 'CON.F.US.EP.U25',
      type: 1,
      size: 2,
      averagePrice: 2100.25,
    };
    const events = hubEvents('position', [{ action: 1, data: position }, position]);
    expect(events).toEqual([
      { kind: 'position', entity: position },
      { kind: 'position', entity: position },
    ]);
  });

  it('an account event belongs to its own id and names no contract', () => {
    const [event] = hubEvents('account', { id: 465, name: 'TS-50K-A', balance: 50012.25, canTrade: true });
    expect(eventAccount(event)).toBe(465);
    expect(eventContract(event)).toBeNull();
  });

  it('drops what lacks the fields the picture needs', () => {
    expect(hubEvents('trade', { ...trade, accountId: '123' })).toEqual([]);
    expect(hubEvents('order', { id: 1, accountId: 2, contractId: 'C' })).toEqual([]); // no status
    expect(hubEvents('position', { accountId: 2, contractId: '', type: 1, size: 1 })).toEqual([]);
    expect(hubEvents('account', null)).toEqual([]);
    expect(hubEvents('account', 'text')).toEqual([]);
  });
});

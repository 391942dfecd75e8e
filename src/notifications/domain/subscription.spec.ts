import { subscribes } from './subscription';

describe('subscribes', () => {
  const channel = { enabled: true, events: ['order.failed', 'halt.set'], accountIds: [7] };

  it('needs the kind subscribed and the channel enabled', () => {
    expect(subscribes(channel, { kind: 'order.failed', accountId: 7 })).toBe(true);
    expect(subscribes(channel, { kind: 'entry.rejected', accountId: 7 })).toBe(false);
    expect(subscribes({ ...channel, enabled: false }, { kind: 'order.failed', accountId: 7 })).toBe(false);
  });

  it('a channel limited to accounts gets theirs and the events tied to no account', () => {
    expect(subscribes(channel, { kind: 'order.failed', accountId: 8 })).toBe(false);
    expect(subscribes(channel, { kind: 'halt.set', accountId: null })).toBe(true);
    expect(subscribes({ ...channel, accountIds: null }, { kind: 'order.failed', accountId: 8 })).toBe(true);
  });
});

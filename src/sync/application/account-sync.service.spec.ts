import type {
  AccountDirectory,
  RoutingAccount,
  TargetResolution,
} from '../../accounts/application/ports/account-directory.port';
import type { PlatformStateReader } from '../../connectors/application/ports/platform-state.port';
import {
  PlatformStream,
  PlatformStreams,
  StreamListener,
} from '../../connectors/application/ports/platform-stream.port';
import type {
  SyncedAccountState,
  SyncedAccountRef,
} from '../../risk/application/ports/synced-account-state.port';
import type { PlatformAccountSnapshot } from '../../shared-kernel/platform-state';
import type { SyncAccount } from '../domain/sync-plan';
import { AccountSync } from './account-sync.service';
import { CONFIRM_LAG_MS } from './stream-sink';
import { ConnectionSyncStatus, SyncStatusUpdate, SyncStore } from './ports/sync-store.port';
import type { Reconciler } from './reconciler.service';

const account = (id: number, connectionId: number, programId: number | null) =>
  ({ id, label: `acct-${id}`, firmCode: 'APEX', programId, connectionId }) as RoutingAccount;

class MemoryStore extends SyncStore {
  holders = new Map<number, string>();
  updates: [number, SyncStatusUpdate][] = [];
  async lease(id: number, holder: string): Promise<boolean> {
    const h = this.holders.get(id);
    if (h && h !== holder) return false;
    this.holders.set(id, holder);
    return true;
  }
  async record(id: number, _h: string, u: SyncStatusUpdate): Promise<void> {
    this.updates.push([id, u]);
  }
  async release(holder: string): Promise<void> {
    for (const [id, h] of this.holders) if (h === holder) this.holders.delete(id);
  }
  async list(): Promise<ConnectionSyncStatus[]> {
    return [];
  }
}

/** Streams held in memory: the test plays the platform (events, up, down) through each listener. */
class MemoryStreams extends PlatformStreams {
  opened: {
    connectionId: number;
    accountIds: readonly number[];
    listener: StreamListener;
    closed: boolean;
  }[] = [];
  constructor(private readonly streaming: number[]) {
    super();
  }
  async open(
    connectionId: number,
    accountIds: readonly number[],
    listener: StreamListener,
  ): Promise<PlatformStream | null> {
    if (!this.streaming.includes(connectionId)) return null;
    const held = { connectionId, accountIds, listener, closed: false };
    this.opened.push(held);
    return { close: async () => void (held.closed = true) };
  }
}

const picture = (accountId: number, fillIds: string[], balance = '50100'): PlatformAccountSnapshot => ({
  accountId,
  balance,
  openPnl: '12.50',
  realizedPnl: null,
  positions: [],
  fills: fillIds.map((fillId) => ({
    fillId,
    orderId: null,
    clientOrderId: null,
    symbol: 'NQ',
    side: 'BUY' as const,
    quantity: 1,
    price: '21000',
    filledAt: '2026-12-02T14:31:00.000Z',
  })),
  workingOrders: [],
  readAt: new Date().toISOString(),
});

function setup(accounts: RoutingAccount[], failing: number[] = [], streaming: number[] = []) {
  const directory = {
    resolveTargets: async (): Promise<TargetResolution> => ({ ok: true, accounts, reason: null }),
    connection: async (id: number) => ({ id, revision: 'r1' }),
  } as unknown as AccountDirectory;
  const reads: [number, Date | null][] = [];
  const reader = {
    snapshot: async (id: number, since: Date | null): Promise<PlatformAccountSnapshot> => {
      reads.push([id, since]);
      if (failing.includes(id)) throw new Error('HTTP 503 from the platform');
      const fill = {
        fillId: `f${id}`,
        orderId: null,
        clientOrderId: null,
        symbol: 'NQ',
        side: 'BUY' as const,
      };
      return {
        accountId: id,
        balance: '50000',
        openPnl: '0',
        realizedPnl: null,
        positions: [],
        fills: [{ ...fill, quantity: 1, price: '21000', filledAt: '2026-12-02T14:30:00.000Z' }],
        workingOrders: [],
        readAt: new Date().toISOString(),
      };
    },
  } as PlatformStateReader;
  const applied: SyncedAccountRef[] = [];
  const snapshots: PlatformAccountSnapshot[] = [];
  const state = {
    failNext: false,
    apply: async (ref: SyncedAccountRef, snapshot: PlatformAccountSnapshot) => {
      if (state.failNext) {
        state.failNext = false;
        throw new Error('database unavailable');
      }
      applied.push(ref);
      snapshots.push(snapshot);
      return { newFills: 1, balance: '50000', openPnl: '0' };
    },
  } as SyncedAccountState & { failNext: boolean };
  const store = new MemoryStore();
  const streams = new MemoryStreams(streaming);
  const settings = {
    enabled: true,
    pollIntervalMs: 1000,
    leaseMs: 5000,
    reconcileIntervalMs: 60_000,
    reconcileSettleMs: 0,
    holderId: 'me',
  };
  const reconciled: number[][] = [];
  const reconciler = {
    reconcileAll: async (list: SyncAccount[]) => void reconciled.push(list.map((a) => a.id)),
  } as unknown as Reconciler;
  const sync = new AccountSync(directory, reader, streams, state, store, settings, reconciler);
  return { sync, reads, applied, snapshots, store, streams, state, reconciled };
}

describe('AccountSync: one round', () => {
  it('reads and applies every account with a program, by connection; env accounts stay manual', async () => {
    const { sync, applied, store } = setup([account(1, 10, 4), account(2, 10, 5), account(3, 11, null)]);
    await sync.tick();
    expect(applied.map((a) => [a.accountId, a.programId])).toEqual([
      [1, 4],
      [2, 5],
    ]);
    expect(store.updates).toEqual([
      [10, { mode: 'polling', lastEventAt: expect.any(Date), lastError: null }],
    ]);
  });

  it('reads fills from a minute before the newest seen on the next round', async () => {
    const { sync, reads } = setup([account(1, 10, 4)]);
    await sync.tick();
    await sync.tick();
    expect(reads.map(([, since]) => since?.toISOString() ?? null)).toEqual([
      null,
      '2026-12-02T14:29:00.000Z',
    ]);
  });

  it('a failing read marks its connection down with the error; other connections go on', async () => {
    const { sync, store } = setup([account(1, 10, 4), account(2, 11, 4)], [1]);
    await sync.tick();
    expect(store.updates).toEqual([
      [10, { mode: 'down', lastError: 'acct-1: HTTP 503 from the platform' }],
      [11, { mode: 'polling', lastEventAt: expect.any(Date), lastError: null }],
    ]);
  });

  it('skips a connection whose lease another process holds', async () => {
    const { sync, reads, store } = setup([account(1, 10, 4)]);
    store.holders.set(10, 'someone-else');
    await sync.tick();
    expect(reads).toEqual([]);
  });
});

describe('AccountSync: streams, with polling behind them', () => {
  const settle = () => new Promise((r) => setImmediate(r));

  it('polls while the stream is not up yet, then applies its events and stops polling (mode streaming)', async () => {
    const { sync, reads, snapshots, store, streams } = setup(
      [account(1, 10, 4), account(2, 10, 4)],
      [],
      [10],
    );
    await sync.tick();
    expect(reads.map(([id]) => id)).toEqual([1, 2]);
    expect(streams.opened).toHaveLength(1);
    expect(streams.opened[0].accountIds).toEqual([1, 2]);
    const { listener } = streams.opened[0];
    const earlier = new Date(Date.now() - 5000).toISOString();
    listener.onSnapshot({ ...picture(1, ['s1']), readAt: earlier });
    listener.onSnapshot({ ...picture(2, []), readAt: earlier });
    listener.onStatus({ up: true, error: null });
    await settle();
    expect(snapshots.slice(-2).map((s) => [s.accountId, s.fills.map((f) => f.fillId)])).toEqual([
      [1, ['s1']],
      [2, []],
    ]);
    reads.length = 0;
    await sync.tick();
    await settle();
    expect(reads).toEqual([]);
    expect(store.updates.at(-1)).toEqual([
      10,
      { mode: 'streaming', lastEventAt: expect.any(Date), lastError: null },
    ]);
    // a quiet stream re-confirms the current picture (no fills), so the state does not go stale, as of a
    // second ago (an order answered since may have its fill event still on the way: it stays pending)
    const confirmed = snapshots.slice(-2);
    expect(confirmed.map((s) => [s.accountId, s.fills.length, s.balance])).toEqual([
      [1, 0, '50100'],
      [2, 0, '50100'],
    ]);
    const lag = Date.now() - Date.parse(confirmed[0].readAt);
    expect(lag).toBeGreaterThanOrEqual(CONFIRM_LAG_MS);
    expect(lag).toBeLessThan(CONFIRM_LAG_MS + 1000);
  });

  it('records the mode streaming only once the pictures delivered before the stream came up are applied', async () => {
    const { sync, store, streams, state } = setup([account(1, 10, 4)], [], [10]);
    await sync.tick();
    const { listener } = streams.opened[0];
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    const apply = state.apply.bind(state);
    state.apply = async (ref, snapshot) => (await held, apply(ref, snapshot));
    listener.onSnapshot(picture(1, ['resync'])); // the resync's picture, then up, then down and up again
    listener.onStatus({ up: true, error: null });
    listener.onStatus({ up: false, error: 'cut' });
    listener.onStatus({ up: true, error: null });
    await settle();
    const modes = () => store.updates.filter(([id]) => id === 10).map(([, u]) => u.mode);
    expect(modes()).toEqual(['polling']); // the round's, before the stream came up
    release();
    await new Promise((r) => setTimeout(r, 20));
    // in the order reported (the down woke a round, which found the stream up again: `streaming` once more)
    expect(modes()).toEqual(['polling', 'streaming', 'polling', 'streaming', 'streaming']);
  });

  it('a burst of events while an apply runs is applied once more, with every fill', async () => {
    const { sync, snapshots, streams } = setup([account(1, 10, 4)], [], [10]);
    await sync.tick();
    const { listener } = streams.opened[0];
    listener.onStatus({ up: true, error: null });
    const before = snapshots.length;
    listener.onSnapshot(picture(1, ['a'], '50001'));
    listener.onSnapshot(picture(1, ['b'], '50002'));
    listener.onSnapshot(picture(1, ['c'], '50003'));
    await settle();
    await settle();
    const applied = snapshots.slice(before);
    expect(applied.map((s) => [s.balance, s.fills.map((f) => f.fillId)])).toEqual([
      ['50001', ['a']],
      ['50003', ['b', 'c']],
    ]);
  });

  it('a position whose open P&L the stream does not carry is valued over REST while streaming', async () => {
    const { sync, reads, streams } = setup([account(1, 10, 4), account(2, 10, 4)], [], [10]);
    await sync.tick();
    const { listener } = streams.opened[0];
    const held = { symbol: 'NQZ6', netQuantity: 2, averagePrice: '21000' };
    listener.onSnapshot({ ...picture(1, []), openPnl: null, positions: [held] });
    listener.onSnapshot({ ...picture(2, []), openPnl: null });
    listener.onStatus({ up: true, error: null });
    await settle();
    reads.length = 0;
    await sync.tick();
    expect(reads.map(([id]) => id)).toEqual([1]);
  });

  it('a stream that goes down is recorded at once and its accounts are polled again', async () => {
    const { sync, reads, store, streams } = setup([account(1, 10, 4)], [], [10]);
    await sync.tick();
    const { listener } = streams.opened[0];
    listener.onSnapshot(picture(1, []));
    listener.onStatus({ up: true, error: null });
    await settle();
    listener.onStatus({ up: false, error: 'socket closed' });
    await settle();
    expect(store.updates).toContainEqual([10, { mode: 'polling', lastError: 'stream: socket closed' }]);
    reads.length = 0;
    await sync.tick();
    expect(reads.map(([id]) => id)).toEqual([1]);
    expect(store.updates.at(-1)).toEqual([
      10,
      { mode: 'polling', lastEventAt: expect.any(Date), lastError: 'stream: socket closed' },
    ]);
  });

  it('an event that could not be applied is read again over REST on the next round', async () => {
    const { sync, reads, streams, state } = setup([account(1, 10, 4)], [], [10]);
    await sync.tick();
    const { listener } = streams.opened[0];
    listener.onSnapshot(picture(1, []));
    listener.onStatus({ up: true, error: null });
    await settle();
    state.failNext = true;
    listener.onSnapshot(picture(1, ['lost?']));
    await settle();
    reads.length = 0;
    await sync.tick();
    expect(reads.map(([id]) => id)).toEqual([1]);
    reads.length = 0;
    await sync.tick();
    expect(reads).toEqual([]);
  });

  it('reopens the stream when the accounts change, and closes it when the lease is lost', async () => {
    const accounts = [account(1, 10, 4)];
    const { sync, streams, store } = setup(accounts, [], [10]);
    await sync.tick();
    accounts.push(account(2, 10, 4));
    await sync.tick();
    expect(streams.opened.map((o) => [o.accountIds, o.closed])).toEqual([
      [[1], true],
      [[1, 2], false],
    ]);
    store.holders.set(10, 'someone-else');
    await sync.tick();
    expect(streams.opened[1].closed).toBe(true);
  });
});

describe('AccountSync: reconciliation on (re)connect and every RECONCILE_INTERVAL_MS', () => {
  const settle = () => new Promise((r) => setImmediate(r));

  it('reconciles each connection at its first good round, then not before the interval', async () => {
    const { sync, reconciled } = setup([account(1, 10, 4), account(2, 10, 4), account(3, 11, 4)]);
    await sync.tick();
    await sync.tick();
    expect(reconciled.sort()).toEqual([[1, 2], [3]]);
  });

  it('a connection that was down is reconciled at its first good round after', async () => {
    const failing: number[] = [];
    const { sync, reconciled } = setup([account(1, 10, 4)], failing);
    await sync.tick();
    failing.push(1);
    await sync.tick();
    expect(reconciled).toEqual([[1]]);
    failing.pop();
    await sync.tick();
    await sync.tick();
    expect(reconciled).toEqual([[1], [1]]);
  });

  it('a stream coming up makes its connection due again', async () => {
    const { sync, streams, reconciled } = setup([account(1, 10, 4)], [], [10]);
    await sync.tick();
    const { listener } = streams.opened[0];
    listener.onSnapshot(picture(1, []));
    listener.onStatus({ up: true, error: null });
    await settle();
    await sync.tick();
    await sync.tick();
    expect(reconciled).toEqual([[1], [1]]);
  });
});

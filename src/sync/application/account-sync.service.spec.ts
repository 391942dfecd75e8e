import type {
  AccountDirectory,
  RoutingAccount,
  TargetResolution,
} from '../../accounts/application/ports/account-directory.port';
import type { PlatformStateReader } from '../../connectors/application/ports/platform-state.port';
import type {
  SyncedAccountState,
  SyncedAccountRef,
} from '../../risk/application/ports/synced-account-state.port';
import type { PlatformAccountSnapshot } from '../../shared-kernel/platform-state';
import { AccountSync } from './account-sync.service';
import { ConnectionSyncStatus, SyncStatusUpdate, SyncStore } from './ports/sync-store.port';

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

function setup(accounts: RoutingAccount[], failing: number[] = []) {
  const directory = {
    resolveTargets: async (): Promise<TargetResolution> => ({ ok: true, accounts, reason: null }),
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
  const state = {
    apply: async (ref: SyncedAccountRef) => {
      applied.push(ref);
      return { newFills: 1, balance: '50000', openPnl: '0' };
    },
  } as SyncedAccountState;
  const store = new MemoryStore();
  const settings = { enabled: true, pollIntervalMs: 1000, leaseMs: 5000, holderId: 'me' };
  return { sync: new AccountSync(directory, reader, state, store, settings), reads, applied, store };
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

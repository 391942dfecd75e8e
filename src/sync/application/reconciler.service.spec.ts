import { Logger } from '@nestjs/common';
import type { AccountDirectory } from '../../accounts/application/ports/account-directory.port';
import type {
  ConnectorGateway,
  ConnectorResult,
  ExitRequest,
} from '../../connectors/application/ports/connector-gateway.port';
import {
  AccountRoutedTrades,
  RoutedOpenTrade,
  RoutedTrades,
} from '../../routing/application/ports/routed-trades.port';
import type { PlatformStateReader } from '../../connectors/application/ports/platform-state.port';
import type { PlatformAccountSnapshot, PlatformPosition } from '../../shared-kernel/platform-state';
import type { ContractCatalog } from '../../sizing/application/ports/contract-catalog.port';
import type { SyncAccount } from '../domain/sync-plan';
import {
  DriftAction,
  DriftEvent,
  DriftFilter,
  DriftStore,
  NewDrift,
  StandingDriftRow,
} from './ports/drift-store.port';
import { Reconciler } from './reconciler.service';
import type { SyncSettings } from './sync-settings';

class MemoryRoutedTrades extends RoutedTrades {
  trades: RoutedOpenTrade[] = [];
  unsettled: string[] = [];
  asked: Date[] = [];
  racing = false;
  async openTrades(_id: number, changedSince: Date): Promise<AccountRoutedTrades> {
    this.asked.push(changedSince);
    return { trades: this.trades.filter((t) => t.openQuantity > 0), unsettledSymbols: this.unsettled };
  }
  async sentOrderIds(): Promise<string[]> {
    return [];
  }
  async openPositions(): Promise<[]> {
    return [];
  }
  async settle(_a: number, clientOrderId: string, from: number, open: number): Promise<boolean> {
    const t = this.trades.find((x) => x.clientOrderId === clientOrderId);
    if (this.racing || !t || t.openQuantity !== from) return false;
    t.openQuantity = open;
    return true;
  }
}

class MemoryDriftStore extends DriftStore {
  rows: DriftEvent[] = [];
  async standing(accountId: number): Promise<StandingDriftRow[]> {
    return this.live(accountId).map((r) => ({ key: r.key, root: r.root, action: r.action }));
  }
  async setAction(accountId: number, key: string, action: DriftAction, detail: string | null) {
    for (const r of this.live(accountId).filter((x) => x.key === key))
      Object.assign(r, { action, actionDetail: detail });
  }
  async record(drifts: NewDrift[]): Promise<DriftEvent[]> {
    const now = new Date();
    const added = drifts.map(({ resolved, ...d }) => ({
      ...d,
      id: this.rows.length + 1,
      detectedAt: now,
      lastSeenAt: now,
      resolvedAt: resolved ? now : null,
    }));
    this.rows.push(...added);
    return added;
  }
  async update(accountId: number, seen: string[], resolved: string[]): Promise<void> {
    for (const r of this.live(accountId)) {
      if (seen.includes(r.key)) r.lastSeenAt = new Date();
      if (resolved.includes(r.key)) r.resolvedAt = new Date();
    }
  }
  async list(_f: DriftFilter) {
    return { total: this.rows.length, items: this.rows };
  }
  private live(accountId: number) {
    return this.rows.filter((r) => r.accountId === accountId && r.resolvedAt === null);
  }
}

const ACCOUNT: SyncAccount = { id: 7, label: 'ftmo-1', firmCode: 'FTMO', programId: 2, connectionId: 1 };
const trade = (over: Partial<RoutedOpenTrade> = {}): RoutedOpenTrade => ({
  tradeId: 't-1',
  clientOrderId: 'pr1-x-a7-en',
  externalOrderId: 'ORD-1',
  symbol: 'NQ',
  side: 'BUY',
  quantity: 2,
  openQuantity: 2,
  stopLoss: true,
  takeProfit: false,
  ...over,
});
const snapshot = (positions: PlatformPosition[]): PlatformAccountSnapshot => ({
  accountId: 7,
  balance: '50000',
  openPnl: '0',
  realizedPnl: null,
  positions,
  fills: [],
  workingOrders: [],
  readAt: '2026-12-02T14:30:00.000Z',
});

function setup(exitStatus: ConnectorResult['status'] = 'SUCCESS') {
  const routed = new MemoryRoutedTrades();
  const store = new MemoryDriftStore();
  const exits: ExitRequest[] = [];
  const gateway = {
    exitPosition: async (_id: number, exit: ExitRequest): Promise<ConnectorResult> => {
      exits.push(exit);
      const failed = exitStatus !== 'SUCCESS';
      return {
        status: exitStatus,
        external_order_id: failed ? null : 'ORD-77',
        raw_request: null,
        raw_response: null,
        error_message: failed ? 'REJECTED: no position' : null,
      };
    },
  } as unknown as ConnectorGateway;
  const flags = { flattenOrphans: false };
  const directory = { account: async () => ({ ...flags }) } as unknown as AccountDirectory;
  const catalog = { normalize: (s: string) => s.replace(/[FGHJKMNQUVXZ]\d$/, '') } as ContractCatalog;
  const settings = { reconcileSettleMs: 5000 } as SyncSettings;
  const reads: [number, Date | null][] = [];
  const reader = {
    snapshot: async (id: number, since: Date | null) => {
      reads.push([id, since]);
      return { ...snapshot([{ symbol: 'ESZ6', netQuantity: 2, averagePrice: '5000' }]), accountId: id };
    },
  } as PlatformStateReader;
  const reconciler = new Reconciler(routed, store, gateway, directory, catalog, reader, settings);
  return { reconciler, routed, store, exits, flags, reads };
}

describe('Reconciler', () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['log', 'warn', 'error']));

  it('asks for the orders that changed from RECONCILE_SETTLE_MS before the read', async () => {
    const { reconciler, routed } = setup();
    await reconciler.reconcile(ACCOUNT, snapshot([]));
    expect(routed.asked.map((d) => d.toISOString())).toEqual(['2026-12-02T14:29:55.000Z']);
  });

  it('reconcileFromPlatform reads the account now (no fills from before) and reconciles it', async () => {
    const { reconciler, reads } = setup();
    const before = Date.now();
    const events = await reconciler.reconcileFromPlatform(ACCOUNT);
    expect(reads.map(([id, since]) => [id, since!.getTime() >= before])).toEqual([[7, true]]);
    expect(events.map((e) => [e.kind, e.symbol])).toEqual([['orphan_position', 'ESZ6']]);
  });

  it('a routed trade the platform shows flat is closed in the record, once, and recorded resolved', async () => {
    const { reconciler, routed, store } = setup();
    routed.trades = [trade()];
    const events = await reconciler.reconcile(ACCOUNT, snapshot([]));
    expect(events.map((e) => [e.kind, e.action, e.actionDetail, e.resolvedAt !== null])).toEqual([
      ['trade_flat', 'trade_closed', 't-1: 2 → 0', true],
    ]);
    expect(routed.trades[0].openQuantity).toBe(0);
    expect(await reconciler.reconcile(ACCOUNT, snapshot([]))).toEqual([]);
    expect(store.rows).toHaveLength(1);
  });

  it('a partial: the record keeps what the platform holds', async () => {
    const { reconciler, routed } = setup();
    routed.trades = [trade()];
    const [e] = await reconciler.reconcile(
      ACCOUNT,
      snapshot([{ symbol: 'NQZ6', netQuantity: 1, averagePrice: '21000' }]),
    );
    expect([e.action, e.platform.netQuantity, e.believed.netQuantity]).toEqual(['trade_reduced', 1, 2]);
    expect(routed.trades[0].openQuantity).toBe(1);
  });

  it('a record that changed meanwhile (an exit sent) is left alone and nothing is recorded', async () => {
    const { reconciler, routed, store } = setup();
    routed.trades = [trade()];
    routed.racing = true;
    expect(await reconciler.reconcile(ACCOUNT, snapshot([]))).toEqual([]);
    expect(store.rows).toEqual([]);
  });

  it('an orphan is recorded once while it stands, and resolved when it is gone; nothing is flattened', async () => {
    const { reconciler, store, exits } = setup();
    const orphan = snapshot([{ symbol: 'ESZ6', netQuantity: -1, averagePrice: '5000' }]);
    const [e] = await reconciler.reconcile(ACCOUNT, orphan);
    expect([e.kind, e.action, e.symbol, e.platform.netQuantity, e.believed.netQuantity]).toEqual([
      'orphan_position',
      'recorded',
      'ESZ6',
      -1,
      0,
    ]);
    expect(await reconciler.reconcile(ACCOUNT, orphan)).toEqual([]);
    expect(store.rows.map((r) => r.resolvedAt)).toEqual([null]);
    await reconciler.reconcile(ACCOUNT, snapshot([]));
    expect(store.rows.map((r) => r.resolvedAt !== null)).toEqual([true]);
    expect(exits).toEqual([]);
  });

  it('flatten_orphans: the orphan is closed through the gateway, once, however long the platform still shows it', async () => {
    const { reconciler, exits, flags } = setup();
    flags.flattenOrphans = true;
    const orphan = snapshot([{ symbol: 'ESZ6', netQuantity: -1, averagePrice: '5000' }]);
    const [e] = await reconciler.reconcile(ACCOUNT, orphan);
    expect([e.action, e.actionDetail]).toEqual(['flattened', '1 closed by order ORD-77']);
    await reconciler.reconcile(ACCOUNT, orphan);
    expect(exits).toEqual([
      {
        symbol: 'ESZ6',
        entry_side: 'SELL',
        quantity: 1,
        entry_external_order_id: null,
        client_order_id: expect.stringMatching(/^pr-rec-a7-ES-/),
      },
    ]);
  });

  it("the reconciler's own flatten order, still working, is not foreign; another tool's order is", async () => {
    const { reconciler } = setup();
    const working = (orderId: string, clientOrderId: string) => ({
      orderId,
      clientOrderId,
      symbol: 'ES',
      side: 'BUY' as const,
      quantity: 1,
      type: 'MARKET' as const,
      stopPrice: null,
      limitPrice: null,
    });
    const events = await reconciler.reconcile(ACCOUNT, {
      ...snapshot([]),
      workingOrders: [working('O-1', 'pr-rec-a7-ES-abc'), working('O-2', 'other-tool-1')],
    });
    expect(events.map((e) => [e.kind, e.platform.order?.orderId])).toEqual([['foreign_order', 'O-2']]);
  });

  it('an orphan recorded before the account asked is flattened once it does; a failed flatten is tried again', async () => {
    const { reconciler, store, exits, flags } = setup('FAILED');
    const orphan = snapshot([{ symbol: 'NQ', netQuantity: 3, averagePrice: '21000' }]);
    await reconciler.reconcile(ACCOUNT, orphan);
    expect(exits).toHaveLength(0);
    flags.flattenOrphans = true;
    await reconciler.reconcile(ACCOUNT, orphan);
    await reconciler.reconcile(ACCOUNT, orphan);
    expect(exits.map((x) => [x.entry_side, x.quantity])).toEqual([
      ['BUY', 3],
      ['BUY', 3],
    ]);
    expect(store.rows.map((r) => [r.action, r.actionDetail])).toEqual([
      ['flatten_failed', 'FAILED: REJECTED: no position'],
    ]);
  });
});

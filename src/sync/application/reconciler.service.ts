import { Inject, Injectable, Logger } from '@nestjs/common';
import { AccountDirectory } from '../../accounts/application/ports/account-directory.port';
import { ConnectorGateway } from '../../connectors/application/ports/connector-gateway.port';
import { PlatformStateReader } from '../../connectors/application/ports/platform-state.port';
import { RoutedTrades } from '../../routing/application/ports/routed-trades.port';
import type { PlatformAccountSnapshot } from '../../shared-kernel/platform-state';
import { ContractCatalog } from '../../sizing/application/ports/contract-catalog.port';
import type { Drift, TradeSettlement } from '../domain/drift';
import { reconcile } from '../domain/reconcile';
import { compareWithStanding } from '../domain/standing-drifts';
import type { SyncAccount } from '../domain/sync-plan';
import { DriftAction, DriftEvent, DriftStore, NewDrift, StandingDriftRow } from './ports/drift-store.port';
import { SYNC_SETTINGS, SyncSettings } from './sync-settings';

type Outcome = Pick<NewDrift, 'action' | 'actionDetail'>;

/** The client order ids of the reconciler's flatten orders start so. */
const FLATTEN_PREFIX = 'pr-rec-';
/** An orphan is flattened while nothing has been (or a flatten failed): never twice, which could flip it. */
const FLATTENABLE: ReadonlySet<DriftAction> = new Set(['recorded', 'flatten_failed']);

/**
 * Reconciliation of one account (issue 14): its platform snapshot against the trades PropRouter routed there.
 * A routed trade the platform shows flat or smaller is settled in PropRouter's record (a later exit then
 * closes only what is left, or nothing); a position no routed trade opened is reported, and flattened
 * through the connector gateway while the account says `flatten_orphans`; a working order PropRouter did not
 * place is reported. Each drift is recorded once while it stands, and resolved when a round no longer sees it.
 *
 * The snapshot must be read before this is called: orders sent or answered from RECONCILE_SETTLE_MS before
 * the read onwards leave their symbol for a later round, so an order in flight is never taken for drift.
 */
@Injectable()
export class Reconciler {
  private readonly log = new Logger('Reconciler');

  constructor(
    private readonly routed: RoutedTrades,
    private readonly drifts: DriftStore,
    private readonly gateway: ConnectorGateway,
    private readonly directory: AccountDirectory,
    private readonly catalog: ContractCatalog,
    private readonly reader: PlatformStateReader,
    @Inject(SYNC_SETTINGS) private readonly settings: SyncSettings,
  ) {}

  /** Reconciles each account from a fresh read; a failing one is logged, the others go on. */
  async reconcileAll(accounts: SyncAccount[]): Promise<void> {
    await Promise.all(
      accounts.map((a) =>
        this.reconcileFromPlatform(a).catch((e: Error) =>
          this.log.warn(`Reconciliation of ${a.label}: ${e.message}`),
        ),
      ),
    );
  }

  /**
   * Reads the account at its platform over REST now (its positions and working orders; fills only from now)
   * and reconciles it. Rejects when the platform cannot be read.
   */
  async reconcileFromPlatform(account: SyncAccount): Promise<DriftEvent[]> {
    return this.reconcile(account, await this.reader.snapshot(account.id, new Date()));
  }

  /** The drift events this round recorded (none for a drift already standing). */
  async reconcile(account: SyncAccount, snapshot: PlatformAccountSnapshot): Promise<DriftEvent[]> {
    const settledBefore = new Date(Date.parse(snapshot.readAt) - this.settings.reconcileSettleMs);
    const ids = snapshot.workingOrders.flatMap((o) => [
      o.orderId,
      ...(o.clientOrderId ? [o.clientOrderId] : []),
    ]);
    const [routing, own, standing] = await Promise.all([
      this.routed.openTrades(account.id, settledBefore),
      this.routed.sentOrderIds(account.id, ids),
      this.drifts.standing(account.id),
    ]);
    const rootOf = (symbol: string) => this.catalog.normalize(symbol) ?? symbol.trim().toUpperCase();
    const book = {
      trades: routing.trades,
      unsettledRoots: new Set(routing.unsettledSymbols.map(rootOf)),
      // the reconciler's own flatten orders are not in `orders`: known by their client order id
      ownOrderIds: new Set([...own, ...ids.filter((id) => id.startsWith(FLATTEN_PREFIX))]),
    };
    const found = reconcile(snapshot.positions, snapshot.workingOrders, book, rootOf);
    const { fresh, resolvedKeys } = compareWithStanding(found.drifts, standing, found.skippedRoots);
    const byKey = new Map(standing.map((s) => [s.key, s]));
    const still = found.drifts.filter((d) => byKey.has(d.key));
    await this.drifts.update(
      account.id,
      still.map((d) => d.key),
      resolvedKeys,
    );
    const flatten = found.drifts.some((d) => d.orphan) && (await this.flattens(account.id));
    if (flatten) await this.flattenStanding(account, still, byKey);
    if (fresh.length === 0) return [];
    const acted = await Promise.all(fresh.map((d) => this.act(account, d, flatten)));
    const recorded = await this.drifts.record(acted.filter((d): d is NewDrift => d !== null));
    for (const e of recorded) {
      const detail = e.actionDetail ? `: ${e.actionDetail}` : '';
      this.log.warn(`Drift on ${account.label}: ${e.kind} ${e.symbol} (${e.action}${detail})`);
    }
    return recorded;
  }

  private async flattens(accountId: number): Promise<boolean> {
    return (await this.directory.account(accountId))?.flattenOrphans ?? false;
  }

  /** Orphans recorded before the account asked for flattening (or whose flatten failed) are flattened now. */
  private async flattenStanding(
    account: SyncAccount,
    still: Drift[],
    standing: Map<string, StandingDriftRow>,
  ): Promise<void> {
    for (const d of still.filter((x) => x.orphan && FLATTENABLE.has(standing.get(x.key)!.action))) {
      const done = await this.flatten(account, d);
      await this.drifts.setAction(account.id, d.key, done.action, done.actionDetail);
      this.log.warn(
        `Drift on ${account.label}: ${d.kind} ${d.platform.symbol} (${done.action}: ${done.actionDetail})`,
      );
    }
  }

  /** What is done about a new drift; null when nothing is to be recorded this round (its record changed meanwhile). */
  private async act(account: SyncAccount, d: Drift, flatten: boolean): Promise<NewDrift | null> {
    const base = {
      accountId: account.id,
      kind: d.kind,
      key: d.key,
      root: d.root,
      symbol: d.platform.symbol,
      platform: d.platform,
      believed: d.believed,
    };
    if (d.kind === 'trade_flat') {
      const settled = await this.settle(account.id, d.settlements);
      return settled && { ...base, ...settled, resolved: true };
    }
    const outcome: Outcome =
      d.orphan && flatten ? await this.flatten(account, d) : { action: 'recorded', actionDetail: null };
    return { ...base, ...outcome, resolved: false };
  }

  /** Brings PropRouter's trade records in line; null when none could be (an exit was sent meanwhile). */
  private async settle(accountId: number, settlements: TradeSettlement[]): Promise<Outcome | null> {
    const done: TradeSettlement[] = [];
    for (const s of settlements)
      if (await this.routed.settle(accountId, s.clientOrderId, s.fromQuantity, s.openQuantity)) done.push(s);
    if (done.length === 0) return null;
    return {
      action: done.every((s) => s.openQuantity === 0) ? 'trade_closed' : 'trade_reduced',
      actionDetail: done.map((s) => `${s.tradeId}: ${s.fromQuantity} → ${s.openQuantity}`).join('; '),
    };
  }

  private async flatten(account: SyncAccount, d: Drift): Promise<Outcome> {
    const orphan = d.orphan!;
    const result = await this.gateway.exitPosition(account.id, {
      symbol: d.platform.symbol,
      entry_side: orphan.side,
      quantity: orphan.quantity,
      entry_external_order_id: null,
      client_order_id: `${FLATTEN_PREFIX}a${account.id}-${d.root}-${Date.now().toString(36)}`,
    });
    return result.status === 'SUCCESS'
      ? {
          action: 'flattened',
          actionDetail: `${orphan.quantity} closed by order ${result.external_order_id ?? '?'}`,
        }
      : {
          action: 'flatten_failed',
          actionDetail: `${result.status}: ${result.error_message ?? 'no answer'}`,
        };
  }
}

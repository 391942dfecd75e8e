import { Inject, Injectable, Logger } from '@nestjs/common';
import { AccountDirectory } from '../../accounts/application/ports/account-directory.port';
import { ConnectorGateway } from '../../connectors/application/ports/connector-gateway.port';
import { RoutedTrades } from '../../routing/application/ports/routed-trades.port';
import type { PlatformAccountSnapshot } from '../../shared-kernel/platform-state';
import { ContractCatalog } from '../../sizing/application/ports/contract-catalog.port';
import type { Drift, TradeSettlement } from '../domain/drift';
import { reconcile } from '../domain/reconcile';
import { compareWithStanding } from '../domain/standing-drifts';
import type { SyncAccount } from '../domain/sync-plan';
import { DriftEvent, DriftStore, NewDrift } from './ports/drift-store.port';
import { SYNC_SETTINGS, SyncSettings } from './sync-settings';

/**
 * Reconciliation of one account (issue 14): its platform snapshot against the trades PropRouter routed there.
 * A routed trade the platform shows flat or smaller is settled in PropRouter's record (a later exit then
 * closes only what is left, or nothing); a position no routed trade opened is reported, and flattened
 * through the connector gateway when the account says `flatten_orphans`; a working order PropRouter did not
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
    @Inject(SYNC_SETTINGS) private readonly settings: SyncSettings,
  ) {}

  /** The drift events this round recorded (none for a drift already standing). */
  async reconcile(account: SyncAccount, snapshot: PlatformAccountSnapshot): Promise<DriftEvent[]> {
    const settledBefore = new Date(Date.parse(snapshot.readAt) - this.settings.reconcileSettleMs);
    const ids = snapshot.workingOrders.flatMap((o) =>
      o.clientOrderId ? [o.orderId, o.clientOrderId] : [o.orderId],
    );
    const [routing, own, standing] = await Promise.all([
      this.routed.openTrades(account.id, settledBefore),
      this.routed.sentOrderIds(account.id, ids),
      this.drifts.standing(account.id),
    ]);
    const rootOf = (symbol: string) => this.catalog.normalize(symbol) ?? symbol.trim().toUpperCase();
    const book = {
      trades: routing.trades,
      unsettledRoots: new Set(routing.unsettledSymbols.map(rootOf)),
      ownOrderIds: new Set(own),
    };
    const found = reconcile(snapshot.positions, snapshot.workingOrders, book, rootOf);
    const { fresh, resolvedKeys } = compareWithStanding(found.drifts, standing, found.skippedRoots);
    const standingKeys = new Set(standing.map((s) => s.key));
    const seen = found.drifts.filter((d) => standingKeys.has(d.key)).map((d) => d.key);
    await this.drifts.update(account.id, seen, resolvedKeys);
    if (fresh.length === 0) return [];
    const acted = await Promise.all(fresh.map((d) => this.act(account, d)));
    const recorded = await this.drifts.record(acted.filter((d): d is NewDrift => d !== null));
    for (const e of recorded)
      this.log.warn(
        `Drift on ${account.label}: ${e.kind} ${e.symbol} (${e.action}${e.actionDetail ? `: ${e.actionDetail}` : ''})`,
      );
    return recorded;
  }

  /** What is done about a new drift; null when nothing is to be recorded this round (its record changed meanwhile). */
  private async act(account: SyncAccount, d: Drift): Promise<NewDrift | null> {
    const base = {
      accountId: account.id,
      kind: d.kind,
      key: d.key,
      root: d.root,
      symbol: d.platform.symbol,
      platform: d.platform,
      believed: d.believed,
    };
    if (d.kind === 'trade_flat') return this.settleTrades(base, d.settlements);
    if (d.kind === 'orphan_position' && d.orphan) {
      const flatten = (await this.directory.account(account.id))?.flattenOrphans ?? false;
      if (flatten) return { ...base, ...(await this.flatten(account, d)), resolved: false };
    }
    return { ...base, action: 'recorded', actionDetail: null, resolved: false };
  }

  private async settleTrades(
    base: Omit<NewDrift, 'action' | 'actionDetail' | 'resolved'>,
    settlements: TradeSettlement[],
  ): Promise<NewDrift | null> {
    const done: TradeSettlement[] = [];
    for (const s of settlements)
      if (await this.routed.settle(base.accountId, s.clientOrderId, s.fromQuantity, s.openQuantity))
        done.push(s);
    if (done.length === 0) return null;
    const closed = done.every((s) => s.openQuantity === 0);
    const detail = done.map((s) => `${s.tradeId}: ${s.fromQuantity} → ${s.openQuantity}`).join('; ');
    return {
      ...base,
      action: closed ? 'trade_closed' : 'trade_reduced',
      actionDetail: detail,
      resolved: true,
    };
  }

  private async flatten(account: SyncAccount, d: Drift): Promise<Pick<NewDrift, 'action' | 'actionDetail'>> {
    const orphan = d.orphan!;
    const result = await this.gateway.exitPosition(account.id, {
      symbol: d.platform.symbol,
      entry_side: orphan.side,
      quantity: orphan.quantity,
      entry_external_order_id: null,
      client_order_id: `pr-rec-a${account.id}-${Date.now().toString(36)}`,
    });
    return result.status === 'SUCCESS'
      ? {
          action: 'flattened',
          actionDetail: `${orphan.quantity} closed, order ${result.external_order_id ?? '?'}`,
        }
      : {
          action: 'flatten_failed',
          actionDetail: `${result.status}: ${result.error_message ?? 'no answer'}`,
        };
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { ConnectorGateway } from '../../connectors/application/ports/connector-gateway.port';
import type { PlatformWorkingOrder } from '../../shared-kernel/platform-state';
import { ContractCatalog } from '../../sizing/application/ports/contract-catalog.port';
import {
  FAIL_POSITION_UNREADABLE,
  FAIL_REVERSAL_CLOSE,
  planEntryPosition,
  planSymbolExit,
  PositionOrder,
} from '../domain/position-plan';
import { ordersGo } from '../domain/dry-run';
import { PlanAccount, refOf } from '../domain/routing-plan';
import { positionActionOf, Side } from '../domain/signal';
import { ConnectorOutcome, failed, SKIP_DRY_RUN, skipped } from '../domain/task-result';
import type { Targets } from './account-targets';
import { OrderExecutor } from './order-executor';
import { cancelledOnly, positionOrderSend } from './position-orders';
import { ProtectionResizer } from './protection-resizer';
import { RoutedTrades } from './ports/routed-trades.port';
import type { ClaimedTask } from './ports/task-queue.port';
import { ROUTING_SETTINGS, RoutingSettings } from './routing-settings';

/** An entry's task and targets once the accounts' positions are accounted for. */
export interface EntryAfterPositions {
  /** The task with the entry's side (an `add` without one takes the side held). */
  task: ClaimedTask;
  /** The accounts the entry still goes to. */
  targets: Targets;
  /** The others' results: SKIPPED (nothing to add to, held the other way) or FAILED (a reversal's close). */
  outcomes: ConnectorOutcome[];
}

/**
 * The position-aware part of an alert (README "Alert semantics"). Before an entry, the position the router's
 * records hold in each account (reconciliation keeps them to the platform's for synced accounts) decides:
 * `add` goes only where a position is held its way; `open` against an opposite position closes it first (read
 * at the platform, its working orders cancelled, the close sent and answered SUCCESS) and the entry follows
 * only then. A close, reduce or cancel by symbol reads each account's position and working orders in the
 * symbol at its platform and acts on what it finds; a part taken off is followed by the contract's protective
 * orders brought down to what is left (ProtectionResizer). Every order is recorded before it is sent
 * (OrderExecutor).
 */
@Injectable()
export class PositionActions {
  constructor(
    private readonly gateway: ConnectorGateway,
    private readonly executor: OrderExecutor,
    private readonly routed: RoutedTrades,
    private readonly catalog: ContractCatalog,
    private readonly resizer: ProtectionResizer,
    @Inject(ROUTING_SETTINGS) private readonly config: RoutingSettings,
  ) {}

  async beforeEntry(task: ClaimedTask, t: Targets): Promise<EntryAfterPositions> {
    const s = task.signal;
    if (positionActionOf(s) === 'entry') return { task, targets: t, outcomes: [] };
    const action = positionActionOf(s) === 'add' ? 'add' : 'open';
    // an open reads only the accounts whose orders go: in dry run a live account's orders were never sent,
    // it is taken as flat and nothing there is closed; a paper account trades, its reversal included (issue 19)
    const reads = (a: PlanAccount) => action === 'add' || ordersGo(this.config.dryRun, a.platform);
    const read = t.accounts.filter(reads);
    const nets = read.length > 0 ? await this.knownNets(read) : new Map<number, number>();
    const side: Side | null =
      s.side ?? (action === 'add' ? sideOf([...nets.values()].find((n) => n !== 0)) : null);
    const plans = t.accounts.map((a) => ({ a, plan: planEntryPosition(action, side, nets.get(a.id) ?? 0) }));
    const outcomes: ConnectorOutcome[] = [];
    for (const { a, plan } of plans) if (plan.skip) outcomes.push(skipped(a.firmCode, refOf(a), plan.skip));
    const reversing = plans.filter((p) => !p.plan.skip && p.plan.reverse);
    const closes = await Promise.all(reversing.map(({ a }) => this.closeBeforeReversal(task, a, side!)));
    const failedIds = new Set<number>();
    closes.forEach((c, i) => {
      if (c) {
        outcomes.push(c);
        failedIds.add(reversing[i].a.id);
      }
    });
    const kept = plans.filter((p) => !p.plan.skip && !failedIds.has(p.a.id)).map((p) => p.a);
    return {
      task: side === s.side ? task : { ...task, signal: { ...s, side } },
      targets: { ...t, accounts: kept },
      outcomes,
    };
  }

  /** A close, reduce or cancel by symbol, per target account, from its position at the platform now. */
  async routeSymbolExit(task: ClaimedTask, t: Targets, onDecided: () => void): Promise<ConnectorOutcome[]> {
    const steps = await Promise.all(t.accounts.map((a) => this.symbolStep(task, a)));
    const sends = steps.flatMap((st) =>
      'order' in st && st.order
        ? [{ a: st.a, send: positionOrderSend(this.gateway, task, st.a, st.order, 'exit') }]
        : [],
    );
    const clientIds = new Map(sends.map((x) => [x.a.id, x.send.intent.clientOrderId]));
    const sent = await this.executor.execute(
      sends.map((x) => x.send),
      onDecided,
    );
    const byAccount = new Map(sends.map((x, i) => [x.a.id, sent[i]]));
    return Promise.all(
      steps.map(async (st) => {
        if ('done' in st) return st.done as ConnectorOutcome;
        const { a, cancelErrors } = st;
        if (cancelErrors.length > 0)
          return failed(a.firmCode, refOf(a), `CANCEL_FAILED: ${cancelErrors.join('; ')}`);
        const outcome = byAccount.get(a.id) ?? cancelledOnly(a, st.cancelled);
        if (outcome.status === 'SUCCESS' && st.flattens) await this.settleSymbol(a);
        // a part taken off: the brackets sized for the whole position are brought down to what is left
        if (outcome.status === 'SUCCESS' && st.order?.kind === 'reduce')
          return this.resizer.resizeAfter(
            {
              account: a,
              reduction: st.order,
              heldBefore: st.held,
              workingBefore: st.workingOrders,
              clientOrderId: clientIds.get(a.id)!,
            },
            outcome,
          );
        return outcome;
      }),
    );
  }

  /**
   * One account's read and plan; its working orders cancelled when the plan says so. Dry run holds a live
   * account's (recorded SKIPPED, nothing cancelled or sent); a paper account acts all the same (issue 19).
   */
  private async symbolStep(task: ClaimedTask, a: PlanAccount) {
    const s = task.signal;
    const action = positionActionOf(s) as 'close' | 'reduce' | 'cancel';
    const read = await this.gateway.readPosition(a.id, a.symbol);
    if (read.status !== 'SUCCESS')
      return { a, done: failed(a.firmCode, refOf(a), `${FAIL_POSITION_UNREADABLE}: ${read.error_message}`) };
    const { netQuantity, workingOrders } = read.position;
    const plan = planSymbolExit(action, s.side, s.quantity, netQuantity, workingOrders.length);
    if (!ordersGo(this.config.dryRun, a.platform))
      return { a, done: skipped(a.firmCode, refOf(a), plan.skip ?? SKIP_DRY_RUN) };
    // the account ends flat in the contract: the routed trades there are closed (a limit entry cancelled too)
    const flattens = action === 'close' || plan.order?.kind === 'close';
    if (plan.skip) {
      if (flattens) await this.settleSymbol(a);
      return { a, done: skipped(a.firmCode, refOf(a), plan.skip) };
    }
    const cancelErrors = plan.cancelWorking ? await this.cancelAll(a, workingOrders) : [];
    const held = Math.abs(netQuantity);
    return {
      a,
      order: plan.order,
      cancelled: workingOrders.length,
      cancelErrors,
      flattens,
      held,
      workingOrders,
    };
  }

  /** The reversal's first half in one account: null once nothing is left the other way, else why not. */
  private async closeBeforeReversal(
    task: ClaimedTask,
    a: PlanAccount,
    side: Side,
  ): Promise<ConnectorOutcome | null> {
    const fail = (why: string) => failed(a.firmCode, refOf(a), `${FAIL_REVERSAL_CLOSE}: ${why}`);
    const read = await this.gateway.readPosition(a.id, a.symbol);
    if (read.status !== 'SUCCESS') return fail(`the position could not be read: ${read.error_message}`);
    const net = read.position.netQuantity;
    if (net === 0 || net > 0 === (side === 'buy')) {
      await this.settleSymbol(a); // the platform holds nothing the other way (its stop filled): the records follow
      return null;
    }
    const cancelErrors = await this.cancelAll(a, read.position.workingOrders);
    if (cancelErrors.length > 0) return fail(`cancel ${cancelErrors.join('; ')}`);
    const order: PositionOrder = {
      kind: 'close',
      heldSide: net > 0 ? 'BUY' : 'SELL',
      quantity: Math.abs(net),
    };
    const [outcome] = await this.executor.execute([
      positionOrderSend(this.gateway, task, a, order, 'reversal'),
    ]);
    if (outcome.status !== 'SUCCESS')
      return fail(`${outcome.status}: ${outcome.error_message ?? 'no answer'}`);
    await this.settleSymbol(a);
    return null;
  }

  /** The net the router's records say each account holds in its (mapped) symbol. */
  private async knownNets(accounts: PlanAccount[]): Promise<Map<number, number>> {
    const positions = await this.routed.openPositions(accounts.map((a) => a.id));
    const nets = new Map<number, number>();
    for (const a of accounts) {
      const root = this.rootOf(a.symbol);
      const net = positions
        .filter((p) => p.accountId === a.id && this.rootOf(p.symbol) === root)
        .reduce((sum, p) => sum + p.net, 0);
      nets.set(a.id, net);
    }
    return nets;
  }

  private async cancelAll(a: PlanAccount, orders: PlatformWorkingOrder[]): Promise<string[]> {
    const answers = await Promise.all(orders.map((o) => this.gateway.cancelOrder(a.id, o.orderId)));
    return answers.flatMap((r, i) =>
      r.status === 'SUCCESS'
        ? []
        : [`order ${orders[i].orderId}: ${r.status} ${r.error_message ?? ''}`.trim()],
    );
  }

  /** The account's routed trades in the symbol are closed: a later exit by trade id sends nothing for them. */
  private async settleSymbol(a: PlanAccount): Promise<void> {
    const root = this.rootOf(a.symbol);
    const book = await this.routed.openTrades(a.id, new Date());
    for (const trade of book.trades)
      if (this.rootOf(trade.symbol) === root)
        await this.routed.settle(a.id, trade.clientOrderId, trade.openQuantity, 0);
  }

  private rootOf(symbol: string): string {
    return this.catalog.normalize(symbol) ?? symbol.trim().toUpperCase();
  }
}

function sideOf(net: number | undefined): Side | null {
  return net === undefined || net === 0 ? null : net > 0 ? 'buy' : 'sell';
}

import { Inject, Injectable } from '@nestjs/common';
import { AccountDirectory } from '../../accounts/application/ports/account-directory.port';
import { ConnectorGateway } from '../../connectors/application/ports/connector-gateway.port';
import { RiskGate } from '../../risk/application/ports/risk-gate.port';
import { PositionSizer } from '../../sizing/application/ports/position-sizer.port';
import {
  AccountRisk,
  AccountSizing,
  accountQuantity,
  planExit,
  refOf,
  tagRisk,
} from '../domain/routing-plan';
import {
  assembleResult,
  ConnectorOutcome,
  failed,
  FAIL_MISSING_QUANTITY,
  SKIP_DRY_RUN,
  SKIP_NO_ROUTED_ENTRY,
  skipped,
  TaskResult,
} from '../domain/task-result';
import {
  resolveTargets,
  riskRequest,
  sizeToFitOf,
  Targets,
  syncedIds,
  withOpenAccounts,
} from './account-targets';
import { RouteReads } from './route-reads';
import { ordersGo } from '../domain/dry-run';
import { EntryDecision, EntryDecisions, EntryQuestion } from './entry-decisions';
import { merged, only } from './dry-run-entries';
import { OrderExecutor } from './order-executor';
import { byAccount, exitSends } from './order-sends';
import { EntryProtection } from './entry-protection';
import { AccountLocks } from './ports/account-locks.port';
import { PreparedRoute, prepareRoute, syncedReading } from './prepared-route';
import { OrderStore } from './ports/order-store.port';
import { SyncBarrier } from './ports/sync-barrier.port';
import type { ClaimedTask } from './ports/task-queue.port';
import { ROUTING_SETTINGS, RoutingSettings } from './routing-settings';
import { StageTrace } from '../../platform/metrics/stage-trace';
export type { PreparedRoute } from './prepared-route';
import { positionActionOf, Signal } from '../domain/signal';
import { PositionActions } from './position-actions';

/**
 * The pipeline of one task, per trading account (DESIGN.md "Accounts"): targets = enabled accounts ∩ the
 * alert's filters → for each account, independently: symbol map → sizing (its program and mode) → risk (its
 * state, its firm's and program's rules) → one order per approved account, through its connection.
 * Rejections are results, never errors. The tasks of a claimed batch share one read per kind (coalesced).
 * `onDecided` is called once the orders are recorded: the router's slot is free for other tasks while
 * the platforms answer, so a hanging platform delays only its own accounts' orders. An accepted entry with a
 * stop loss is then confirmed protected at its platform (EntryProtection) before the task's result is written.
 */
@Injectable()
export class TaskPipeline {
  private readonly reads: RouteReads;

  constructor(
    private readonly sizer: PositionSizer,
    private readonly risk: RiskGate,
    private readonly gateway: ConnectorGateway,
    private readonly directory: AccountDirectory,
    private readonly executor: OrderExecutor,
    private readonly orders: OrderStore,
    private readonly decisions: EntryDecisions,
    private readonly barrier: SyncBarrier,
    @Inject(ROUTING_SETTINGS) private readonly config: RoutingSettings,
    private readonly protection: EntryProtection,
    private readonly positions: PositionActions,
    private readonly trace: StageTrace,
    private readonly locks: AccountLocks,
  ) {
    this.reads = new RouteReads(sizer, risk);
  }

  /** Starts the reads of a signal's route before its task exists (see prepareRoute). */
  prepare(signal: Signal): PreparedRoute {
    return prepareRoute(signal, {
      directory: this.directory,
      barrier: this.barrier,
      locks: this.locks,
      risk: this.risk,
      dryRun: this.config.dryRun,
      batching: (ids) => this.decisions.batching(ids),
      reading: (basis) => this.reads.reading(basis),
      size: (t, s, reading) => this.reads.size(t, s, reading),
    });
  }

  route(
    task: ClaimedTask,
    prepared: PreparedRoute | null = null,
    onDecided: () => void = () => {},
  ): Promise<TaskResult> {
    if (task.signal.event_type !== 'entry') return this.routeExit(task, onDecided);
    // the locks taken for it are released by its decision, and here on any other path
    return this.routeEntry(task, prepared, onDecided).finally(() => prepared?.release());
  }

  private async routeEntry(
    claimed: ClaimedTask,
    prepared: PreparedRoute | null,
    onDecided: () => void,
  ): Promise<TaskResult> {
    const targeted = await (prepared?.targets ?? resolveTargets(this.directory, claimed.signal));
    this.trace.mark(claimed.id, 'targets');
    // add goes where a position is held its way; open closes an opposite position first (a reversal)
    const before = await this.positions.beforeEntry(claimed, targeted);
    const { task, targets: t } = before;
    const s = task.signal;
    const reading = await (prepared?.reading ??
      syncedReading(this.barrier, (b) => this.reads.reading(b), t, s));
    this.trace.mark(claimed.id, 'risk_read');
    // a plain entry was sized beside its insert (PreparedRoute.sizing)
    const sizing = await ((t === targeted && prepared?.sizing) || this.reads.size(t, s, reading));
    this.trace.mark(claimed.id, 'sized');
    const checks = t.accounts.map((a) => ({
      ...riskRequest(t, a, s, s.side!, accountQuantity(a.id, sizing, s.quantity).quantity),
      sizeToFit: sizeToFitOf(t, a, s, sizing),
    }));
    const question = { task, targets: t, sizing, checks, reading, locked: prepared?.locked() ?? null };
    const { decision, sent } = await this.decideAndSend(question, onDecided);
    const { plan, risk } = decision;
    const connectors = plan.allowed.map((a) => {
      if (plan.missingQuantity.includes(a)) return failed(a.firmCode, refOf(a), FAIL_MISSING_QUANTITY);
      return sent.get(a.id) ?? skipped(a.firmCode, refOf(a), SKIP_DRY_RUN);
    });
    return this.result(s, targeted, risk, sizing, [...before.outcomes, ...connectors]);
  }

  /**
   * Decides the entry and sends its orders. Dry run: the accounts whose orders are held are decided
   * unrecorded (no lock, nothing stored); paper accounts trade all the same (issue 19).
   */
  private async decideAndSend(
    question: EntryQuestion,
    onDecided: () => void,
  ): Promise<{ decision: EntryDecision; sent: Map<number | null, ConnectorOutcome> }> {
    const { dryRun } = this.config;
    const go = question.targets.accounts.map((a) => ordersGo(dryRun, a.platform));
    const anyGo = go.some(Boolean);
    const held =
      dryRun && !(anyGo && go.every(Boolean))
        ? await this.decisions.unrecorded(anyGo ? only(question, go, false) : question)
        : null;
    if (dryRun && !anyGo) {
      onDecided();
      return { decision: held!, sent: new Map() };
    }
    // the reading that sized the entry is read again under the accounts' decision locks
    const sending = await this.decisions.decide(held ? only(question, go, true) : question);
    this.trace.mark(question.task.id, 'order_rows');
    onDecided();
    const sent = byAccount(
      await this.protection.protectAll(
        sending.sends,
        await this.executor.sendReserved(sending.sends, sending.existing, sending.reservedAt),
      ),
    );
    return { decision: held ? merged(question.targets, held, sending) : sending, sent };
  }

  /** Closes, in each target account, what this trade's entry opened there; nothing where it opened nothing. */
  private async routeExit(task: ClaimedTask, onDecided: () => void): Promise<TaskResult> {
    const s = task.signal;
    if (positionActionOf(s) !== 'exit_trade') {
      // close, reduce or cancel by symbol: each account's position and working orders at its platform
      const t = await resolveTargets(this.directory, s);
      return this.result(s, t, [], [], await this.positions.routeSymbolExit(task, t, onDecided));
    }
    const [resolved, entries] = await Promise.all([
      resolveTargets(this.directory, s),
      this.orders.routedEntries(s.trade_id),
    ]);
    const t = await withOpenAccounts(this.directory, resolved, s, entries);
    const open = entries.filter((e) => t.accounts.some((a) => a.id === e.account_id));
    // held until those accounts are synced since this process started (a stop may have filled while it was down)
    const routedIds = open.map((e) => e.account_id);
    await this.barrier.synced(syncedIds(t, routedIds));
    const checks = open.map((e) => {
      const a = t.accounts.find((x) => x.id === e.account_id)!;
      return riskRequest(t, a, s, e.side === 'BUY' ? 'sell' : 'buy', e.quantity, e.symbol);
    });
    const risk = tagRisk(
      open.map((e) => t.accounts.find((x) => x.id === e.account_id)!),
      await this.reads.check(checks),
    );
    const plan = planExit(
      t.accounts.filter((a) => open.some((e) => e.account_id === a.id)),
      risk,
      open,
    );
    const closing = plan.flatMap((p) => (p.entry ? [{ account: p.account, entry: p.entry }] : []));
    // dry run holds every exit but a paper account's (issue 19)
    const going = closing.filter(({ account: a }) => ordersGo(this.config.dryRun, a.platform));
    let sent = new Map<number | null, ConnectorOutcome>();
    if (going.length === 0) onDecided();
    else sent = byAccount(await this.executor.execute(exitSends(task, going, this.gateway), onDecided));
    const unrouted = t.accounts.filter((a) => !open.some((e) => e.account_id === a.id));
    const connectors = [
      ...closing.map(({ account: a }) => sent.get(a.id) ?? skipped(a.firmCode, refOf(a), SKIP_DRY_RUN)),
      ...unrouted.map((a) => skipped(a.firmCode, refOf(a), SKIP_NO_ROUTED_ENTRY)),
    ];
    return this.result(s, t, risk, [], connectors);
  }

  private result(
    s: Signal,
    t: Targets,
    risk: AccountRisk[],
    sizing: AccountSizing[],
    connectors: ConnectorOutcome[],
  ): TaskResult {
    return assembleResult({
      eventType: s.event_type,
      tradeId: s.trade_id,
      dryRun: this.config.dryRun,
      targets: t.accounts.length,
      nothingReason: t.reason,
      risk,
      sizing,
      connectors,
    });
  }
}

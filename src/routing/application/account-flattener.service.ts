import { Inject, Injectable, Logger } from '@nestjs/common';
import { AccountDirectory, RoutingAccount } from '../../accounts/application/ports/account-directory.port';
import { ConnectorGateway } from '../../connectors/application/ports/connector-gateway.port';
import { PlatformStateReader } from '../../connectors/application/ports/platform-state.port';
import type { PlatformAccountSnapshot } from '../../shared-kernel/platform-state';
import { ContractCatalog } from '../../sizing/application/ports/contract-catalog.port';
import { concludeFlatten, describe, FlattenPlan, isNothingToDo, planFlatten } from '../domain/flatten-plan';
import { ordersGo } from '../domain/dry-run';
import { SKIP_DRY_RUN } from '../domain/task-result';
import { cancelWorking, closeResult, closeSend, FlattenRun } from './flatten-orders';
import { OrderExecutor } from './order-executor';
import { AccountFlattener, FlattenOutcome, FlattenRequest } from './ports/account-flattener.port';
import { AccountLocks } from './ports/account-locks.port';
import { FlattenRecord, FlattenRecords } from './ports/flatten-records.port';
import { OrderStore } from './ports/order-store.port';
import { AccountRoutedTrades, RoutedTrades } from './ports/routed-trades.port';
import { ROUTING_SETTINGS, RoutingSettings } from './routing-settings';

/**
 * Entries answered this long before the platform read may still be missing from it (a platform's lag): their
 * trades are not marked closed by a flatten that may not have seen them.
 */
const READ_LAG_MS = 2000;

/** Postgres lock_timeout: the account's decision lock was held elsewhere for longer than the wait. */
const LOCK_TIMEOUT = '55P03';

/**
 * The AccountFlattener (issue 16). Under the account's decision lock (no entry is decided for the account
 * meanwhile, and a second flatten waits, then finds it flat), it reads the account at its platform, cancels
 * every working order, then closes every position with the gateway's exitPosition, each close recorded in
 * `orders` like any order (the flatten's record, `account_flattens`, is written first; its outcome last, which
 * emits `account.flattened`). The routed trades it closed are marked closed, so a later exit sends nothing.
 * With EXECUTION_DRY_RUN the closes are recorded SKIPPED and nothing is sent or cancelled (a paper account is
 * flattened all the same: it trades in dry run, issue 19).
 */
@Injectable()
export class AccountFlattenerService extends AccountFlattener {
  private readonly log = new Logger('AccountFlattener');

  constructor(
    private readonly directory: AccountDirectory,
    private readonly reader: PlatformStateReader,
    private readonly gateway: ConnectorGateway,
    private readonly executor: OrderExecutor,
    private readonly orders: OrderStore,
    private readonly records: FlattenRecords,
    private readonly routed: RoutedTrades,
    private readonly locks: AccountLocks,
    private readonly catalog: ContractCatalog,
    @Inject(ROUTING_SETTINGS) private readonly config: RoutingSettings,
  ) {
    super();
  }

  async flatten(request: FlattenRequest): Promise<FlattenOutcome> {
    const failed = (error: string, flattenId: number | null = null): FlattenOutcome => ({
      accountId: request.accountId,
      status: 'FAILED',
      closed: [],
      cancelledOrders: 0,
      error,
      flattenId,
    });
    try {
      const account = await this.directory.account(request.accountId);
      if (!account) return failed(`account ${request.accountId} does not exist`);
      return await this.locks.exclusive([account.id], () => this.run(account, request));
    } catch (e) {
      const busy = (e as { code?: string }).code === LOCK_TIMEOUT;
      const why = busy
        ? 'the account is busy (another flatten or an entry decision holds it); try again'
        : `flatten failed: ${(e as Error).message}`;
      this.log.error(`Flatten of account ${request.accountId}: ${why}`);
      return failed(why);
    }
  }

  private async run(account: RoutingAccount, request: FlattenRequest): Promise<FlattenOutcome> {
    const { id, at } = await this.records.start(request);
    const run: FlattenRun = { id, at, account };
    const record = await this.execute(run).catch((e: Error): FlattenRecord => ({
      status: 'FAILED',
      closed: [],
      cancelled: [],
      error: e.message,
    }));
    await this.records.finish(id, record);
    const line = `${account.label} flattened (${request.cause} by ${request.requestedBy}): ${record.status}`;
    if (record.status === 'FAILED') this.log.error(`${line}: ${record.error}`);
    else this.log.warn(line);
    return {
      accountId: account.id,
      status: record.status,
      closed: record.closed,
      cancelledOrders: record.cancelled.length,
      error: record.error,
      flattenId: id,
    };
  }

  private async execute(run: FlattenRun): Promise<FlattenRecord> {
    const accountId = run.account.id;
    const read = await this.read(accountId);
    if ('error' in read) return { status: 'FAILED', closed: [], cancelled: [], error: read.error };
    const plan = planFlatten(read.snapshot.positions, read.snapshot.workingOrders);
    const readAt = new Date(Date.parse(read.snapshot.readAt) - READ_LAG_MS);
    const book = await this.routed.openTrades(accountId, readAt);
    const wouldClose = plan.closes.map((c) => ({ symbol: c.symbol, quantity: c.netQuantity }));
    const live = ordersGo(this.config.dryRun, run.account.platform);
    if (isNothingToDo(plan)) {
      if (live) await this.settleRouted(accountId, book, [], true);
      return { status: 'ALREADY_FLAT', closed: [], cancelled: [], error: null };
    }
    if (!live) {
      await this.recordDryRun(run, plan);
      return { status: 'DRY_RUN', closed: wouldClose, cancelled: plan.cancels, error: null };
    }
    const cancels = await Promise.all(plan.cancels.map((o) => cancelWorking(this.gateway, accountId, o)));
    const sent = await this.executor.execute(plan.closes.map((c) => closeSend(run, c, this.gateway)));
    const closes = sent.map(closeResult);
    const allOk = [...cancels, ...closes].every((r) => r.ok);
    const after = allOk ? null : await this.reread(accountId);
    const c = concludeFlatten(plan, cancels, closes, after);
    const closedSymbols = c.closed.map((x) => x.symbol);
    await this.settleRouted(accountId, book, closedSymbols, c.status === 'FLAT');
    return {
      status: c.status,
      closed: c.closed,
      cancelled: plan.cancels.filter((_, i) => cancels[i].ok),
      error: c.error,
    };
  }

  private async read(accountId: number): Promise<{ snapshot: PlatformAccountSnapshot } | { error: string }> {
    try {
      return { snapshot: await this.reader.snapshot(accountId, new Date()) };
    } catch (e) {
      return { error: `the platform could not be read: ${(e as Error).message}` };
    }
  }

  /** The account as it stands after the steps; null when it cannot be read. */
  private async reread(accountId: number): Promise<FlattenPlan | null> {
    const read = await this.read(accountId);
    return 'error' in read ? null : planFlatten(read.snapshot.positions, read.snapshot.workingOrders);
  }

  /** Dry run: each closing order recorded SKIPPED (as a signal's orders are), nothing sent or cancelled. */
  private async recordDryRun(run: FlattenRun, plan: FlattenPlan): Promise<void> {
    const sends = plan.closes.map((c) => closeSend(run, c, this.gateway));
    await this.orders.reserve(sends.map((s) => s.intent));
    await Promise.all(
      sends.map((s) =>
        this.orders.record(s.intent.clientOrderId, {
          status: 'SKIPPED',
          externalOrderId: null,
          rawRequest: s.intent.rawRequest,
          rawResponse: null,
          errorMessage: SKIP_DRY_RUN,
        }),
      ),
    );
    this.log.warn(`${run.account.label}: dry run, would flatten ${describe(plan)}`);
  }

  /**
   * Marks closed the routed trades the flatten closed: those on the contracts it closed (each close liquidates
   * the whole contract at the platform, whatever it held by then), and, once the account is flat
   * (`closedSymbols` null), every other one, except on a contract whose orders were in flight or answered
   * around the read (the platform may not have shown them yet).
   */
  private async settleRouted(
    accountId: number,
    book: AccountRoutedTrades,
    closedSymbols: string[],
    flat: boolean,
  ): Promise<void> {
    const rootOf = (symbol: string) => this.catalog.normalize(symbol) ?? symbol.trim().toUpperCase();
    const recent = new Set(book.unsettledSymbols.map(rootOf));
    const closed = new Set(closedSymbols.map(rootOf));
    for (const t of book.trades) {
      const root = rootOf(t.symbol);
      if (closed.has(root) || (flat && !recent.has(root)))
        await this.routed.settle(accountId, t.clientOrderId, t.openQuantity, 0);
    }
  }
}

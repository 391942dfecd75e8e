import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import {
  ConnectorGateway,
  ConnectorResult,
  ExitRequest,
  NormalizedOrder,
} from '../../connectors/application/ports/connector-gateway.port';
import { platformsSending } from '../domain/dry-run';
import { ConnectorOutcome, withConnectorResult } from '../domain/task-result';
import { EntryProtection } from './entry-protection';
import { retryDelayOf } from './order-retry';
import { OrderRetryStore, RetryOrder } from './ports/order-retry.store.port';
import { ROUTING_SETTINGS, RoutingSettings } from './routing-settings';

const BATCH = 20;

/**
 * RETRY is not the end: an order whose outcome stayed unknown or transient after its in-call retries is
 * re-driven here, with a backoff and a bounded number of rounds, always looked up by its client order id
 * first (it may have arrived after all), so it is never doubled. It ends SUCCESS, or FAILED with its
 * reason (`RETRY_EXHAUSTED: …` when the rounds ran out); its task's result and outcome follow it. A round
 * whose send's outcome is unknown again is due no sooner than ORDER_SEND_WINDOW_MS after the round ended (its
 * last request started before then, and a platform's backlog is allowed that long to apply or drop it; see
 * OrderExecutor), never at the plain backoff. An entry
 * re-driven to SUCCESS is confirmed protected (EntryProtection) before its result is recorded.
 * Runs where the router runs; several processes share the work (each order leased to one). In dry run it
 * re-drives a paper account's orders only (issue 19): a live platform's order is never sent in dry run.
 */
@Injectable()
export class OrderRedriver implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly log = new Logger('OrderRedriver');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopping = false;

  constructor(
    private readonly retries: OrderRetryStore,
    private readonly gateway: ConnectorGateway,
    @Inject(ROUTING_SETTINGS) private readonly config: RoutingSettings,
    private readonly protection: EntryProtection,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.routerEnabled) return;
    this.timer = setInterval(() => this.wake(), this.config.orderRetry.pollIntervalMs);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  wake(): void {
    if (this.running || this.stopping) return;
    this.running = this.drain()
      .catch((e: Error) => this.log.error(`Re-drive failed: ${e.message}`))
      .finally(() => (this.running = null));
  }

  /**
   * Ticks until a claim comes back short of a full batch: a backlog of due orders (a restart after a platform
   * hung, sends whose outcome was unknown under overload) is worked off at once, not one batch per poll.
   */
  private async drain(): Promise<void> {
    while (!this.stopping && (await this.tick()) >= BATCH);
  }

  /** Claims the due orders and re-drives them in parallel; answers how many it found. */
  async tick(): Promise<number> {
    // dry run re-drives only the orders that go (a paper account's); a live platform's RETRY stays as it is
    const platforms = platformsSending(this.config.dryRun);
    const due = await this.retries.claimRetries(
      this.config.routerId,
      this.config.orderRetry.leaseMs,
      BATCH,
      platforms,
    );
    await Promise.all(due.map((o) => this.redrive(o)));
    return due.length;
  }

  private async redrive(order: RetryOrder): Promise<void> {
    try {
      const result = await this.lookUpThenSend(order);
      const round = order.attempts + 1;
      const exhausted = result.status === 'RETRY' && round >= this.config.orderRetry.maxAttempts;
      const final: ConnectorResult = exhausted
        ? {
            ...result,
            status: 'FAILED',
            error_message: `RETRY_EXHAUSTED after ${round} rounds: ${result.error_message ?? 'no answer'}`,
          }
        : result;
      const nextDelay = this.nextDelay(final, round);
      const outcome = await this.outcomeOf(order, final);
      await this.retries.settleRetry(
        order,
        {
          status: final.status,
          externalOrderId: final.external_order_id,
          rawRequest: final.raw_request,
          rawResponse: final.raw_response,
          errorMessage: final.error_message,
        },
        nextDelay,
        (r) => withConnectorResult(r, outcome),
      );
      this.log.log(`Order ${order.clientOrderId} (${order.accountLabel}) re-driven: ${final.status}`);
    } catch (e) {
      // the lease expires and the order is claimed again
      this.log.error(`Order ${order.clientOrderId}: re-drive not recorded: ${(e as Error).message}`);
    }
  }

  /**
   * The order as the platform holds it, else sent (again). Always looked up first: a send of an earlier round
   * (or the first) may have been applied meanwhile.
   */
  private async lookUpThenSend(order: RetryOrder): Promise<ConnectorResult> {
    return (
      (await this.gateway.findOrder(order.accountId, order.clientOrderId, order.symbol)) ??
      (await this.send(order))
    );
  }

  /**
   * When the next round is due (null: settled): the backoff, and for a send whose outcome is unknown again no
   * sooner than ORDER_SEND_WINDOW_MS from now (the round has ended: its last request started before now).
   */
  private nextDelay(final: ConnectorResult, round: number): number | null {
    if (final.status !== 'RETRY') return null;
    const backoff = retryDelayOf(this.config.orderRetry, round);
    return final.outcome_unknown === true ? Math.max(backoff, this.config.orderSendWindowMs) : backoff;
  }

  /** The order's connector result for its task; an entry accepted at last is confirmed protected first. */
  private async outcomeOf(order: RetryOrder, final: ConnectorResult): Promise<ConnectorOutcome> {
    const outcome: ConnectorOutcome = {
      firm_code: order.firmCode,
      account_id: order.accountId,
      account_label: order.accountLabel,
      status: final.status,
      external_order_id: final.external_order_id,
      raw_response: final.raw_response,
      error_message: final.error_message,
    };
    if (order.eventType !== 'entry' || final.status !== 'SUCCESS' || !this.config.protectEnabled)
      return outcome;
    const protection = await this.protection.protect({
      accountId: order.accountId,
      accountLabel: order.accountLabel,
      firmCode: order.firmCode,
      order: order.request as NormalizedOrder,
      externalOrderId: final.external_order_id,
    });
    return { ...outcome, protection };
  }

  private send(order: RetryOrder): Promise<ConnectorResult> {
    return order.eventType === 'entry'
      ? this.gateway.placeOrder(order.accountId, order.request as NormalizedOrder)
      : this.gateway.exitPosition(order.accountId, order.request as ExitRequest);
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { Metrics } from '../../platform/metrics/metrics';
import { StageTrace } from '../../platform/metrics/stage-trace';
import { ConnectorGateway, ConnectorResult } from '../../connectors/application/ports/connector-gateway.port';
import { retryDelayOf, unknownOutcomeQuietMs } from './order-retry';
import { OrderRetryStore } from './ports/order-retry.store.port';
import { ROUTING_SETTINGS, RoutingSettings } from './routing-settings';
import type { ConnectorOutcome, ConnectorStatus } from '../domain/task-result';
import { PendingOrder, OrderOutcome, OrderStatus, OrderStore, StoredOrder } from './ports/order-store.port';

/** One order to a platform: the row to write first, and the connector call that sends it. */
export interface OrderSend {
  intent: PendingOrder;
  send: () => Promise<ConnectorResult>;
  /** The account's platform and the signal's receipt: the order's metrics (signal → platform answer). */
  platform: string | null;
  signalAt: Date;
}

/** Seed 13C: a RETRY result is tried again, twice. */
export const RETRIES_ON_RETRY = 2;

/**
 * Sends orders exactly once per client order id. The `orders` row is written before the connector is
 * called; a task processed again (after a crash or an expired lease) finds the row and, unless its
 * outcome is known, asks the platform (`findOrder`) before it would ever send again.
 *
 * The lookup alone cannot tell "never sent" from "still being sent": a router that stalls past its lease
 * (a long GC pause, a starved host) may still be about to send when another router re-runs the task. So
 * each order is sent inside a send window (ORDER_SEND_WINDOW_MS from just before its row was written: no
 * request for it starts later, ConnectorGateway.sendBy), and a router that finds a row still PENDING_SEND
 * younger than twice the window does not look it up now: it hands it to the re-drive (RETRY, due when the
 * window and any request started in it are over), which looks it up before anything is sent again.
 *
 * A platform that falls behind can hold a request in its queue past the client's timeout and apply it
 * later, after any lookup made meanwhile. So a send whose outcome is unknown (timed out, cut off or 5xx
 * after it was written: `outcome_unknown`) and which the gateway's lookup did not find is never sent again
 * in this call: it is recorded RETRY and due for the re-drive only when twice the send window has passed
 * since the window opened (the moment an IN_FLIGHT order is: every request for it started inside the
 * window, and the second window is the time a platform is allowed to apply or drop a request it holds).
 * The re-drive looks it up first. A RETRY that certainly did not send (refused before writing, a 429, a
 * closed window) is still retried here, after a lookup.
 */
@Injectable()
export class OrderExecutor {
  constructor(
    private readonly store: OrderStore,
    private readonly gateway: ConnectorGateway,
    private readonly retries: OrderRetryStore,
    @Inject(ROUTING_SETTINGS) private readonly config: RoutingSettings,
    private readonly metrics: Metrics,
    private readonly trace: StageTrace,
  ) {}

  /** Waits between RETRY attempts: 250 ms, then 500 ms. */
  retryDelayMs = 250;

  /**
   * Sends every order in parallel; one outcome per order, in the same order. The outcomes are recorded
   * together once every send has answered (one statement for the task, merged with those of other tasks
   * answering in the same turn): a crash before that leaves PENDING_SEND rows, which are looked up at the
   * platform before anything would be sent again. `onReserved` is told when every row is written (the
   * orders are durable: the caller's slot may go to other work while the platforms answer). An order
   * still RETRY after its in-call retries is scheduled for a re-drive (OrderRedriver).
   */
  async execute(sends: OrderSend[], onReserved: () => void = () => {}): Promise<ConnectorOutcome[]> {
    if (sends.length === 0) {
      onReserved();
      return [];
    }
    const reservedAt = Date.now();
    const existing = await this.store.reserve(sends.map((s) => s.intent));
    onReserved();
    return this.sendReserved(sends, existing, reservedAt);
  }

  /**
   * The second half of `execute`, for orders whose rows the caller has written (OrderStore.reserve):
   * `existing` holds the rows that were there before (a task processed again), as reserve answered;
   * `reservedAt` is Date.now() just before the caller wrote the rows.
   */
  async sendReserved(
    sends: OrderSend[],
    existing: Map<string, StoredOrder>,
    reservedAt: number,
  ): Promise<ConnectorOutcome[]> {
    const notAfter = reservedAt + this.config.orderSendWindowMs;
    const settled = await Promise.all(
      sends.map((s) => this.settle(s, existing.get(s.intent.clientOrderId), notAfter)),
    );
    const deferred = settled.flatMap((s, i) => (s.deferMs !== undefined ? [{ i, ms: s.deferMs }] : []));
    if (deferred.length > 0)
      await this.store.defer(
        deferred.map(({ i }) => sends[i].intent.clientOrderId),
        Math.max(...deferred.map((d) => d.ms)),
        IN_FLIGHT,
      );
    await Promise.all(
      settled.flatMap(({ record }, i) =>
        record ? [this.store.record(sends[i].intent.clientOrderId, record)] : [],
      ),
    );
    const retried = (unknown: boolean) =>
      sends
        .filter((_, i) => settled[i].record?.status === 'RETRY' && settled[i].unknown === unknown)
        .map((s) => s.intent.clientOrderId);
    const delayMs = retryDelayOf(this.config.orderRetry, 1);
    const [plain, unknown] = [retried(false), retried(true)];
    if (plain.length > 0) await this.retries.scheduleRetry(plain, delayMs);
    // an unknown outcome waits out the quiet period: a platform's backlog may still apply the first send
    const quietEnd = reservedAt + unknownOutcomeQuietMs(this.config);
    if (unknown.length > 0)
      await this.retries.scheduleRetry(unknown, Math.max(delayMs, quietEnd - Date.now()));
    return settled.map((s) => s.outcome);
  }

  private async settle(
    order: OrderSend,
    stored: StoredOrder | undefined,
    notAfter: number,
  ): Promise<Settled> {
    const ref = {
      firm_code: order.intent.firmCode,
      account_id: order.intent.accountId,
      account_label: order.intent.accountLabel,
    };
    if (stored && isSettled(stored.status))
      return { outcome: fromStored(ref, stored.status, stored), record: null };
    const deferred = stored && this.deferral(ref, stored);
    if (deferred) return deferred;
    const found = stored ? await this.lookUp(order.intent) : null;
    if (order.intent.taskId !== null && this.trace.enabled) this.trace.mark(order.intent.taskId, 'request');
    const result =
      found ?? (await this.gateway.sendBy(notAfter, () => this.sendWithRetries(order, notAfter)));
    this.count(order, result.status);
    return {
      outcome: {
        ...ref,
        status: result.status,
        external_order_id: result.external_order_id,
        raw_response: result.raw_response,
        error_message: result.error_message,
      },
      record: {
        status: result.status,
        externalOrderId: result.external_order_id,
        rawRequest: result.raw_request ?? order.intent.rawRequest,
        rawResponse: result.raw_response,
        errorMessage: result.error_message,
      },
      unknown: result.status === 'RETRY' && result.outcome_unknown === true,
    };
  }

  /**
   * An order written before (a task processed again) that may still be on its way to the platform: neither
   * looked up nor sent until the quiet period since its row was written is over; the re-drive's then.
   */
  private deferral(
    ref: Pick<ConnectorOutcome, 'firm_code' | 'account_id' | 'account_label'>,
    stored: StoredOrder,
  ): Settled | null {
    const quietMs = unknownOutcomeQuietMs(this.config);
    if (stored.ageMs >= quietMs) return null;
    const deferMs = quietMs - stored.ageMs;
    // its first sender may still be sending it
    if (stored.status === 'PENDING_SEND') return { outcome: inFlight(ref), record: null, deferMs };
    // left RETRY by an earlier run whose send may still be in a platform's queue
    if (stored.status === 'RETRY')
      return { outcome: fromStored(ref, 'RETRY', stored), record: null, deferMs };
    return null;
  }

  private count(order: OrderSend, status: ConnectorResult['status']): void {
    const platform = order.platform ?? 'none';
    this.metrics.orders.inc({ platform, firm: order.intent.firmCode, status });
    const seconds = (Date.now() - order.signalAt.getTime()) / 1000;
    if (status === 'SUCCESS') this.metrics.signalToOrderSeconds.observe({ platform }, seconds);
  }

  /**
   * Sends; on a RETRY that certainly did not send, looks the order up first (an earlier try may have arrived
   * after all), then sends again. A RETRY whose outcome is unknown is never sent again here (see above).
   */
  private async sendWithRetries(order: OrderSend, notAfter: number): Promise<ConnectorResult> {
    let result = await order.send();
    for (
      let retry = 1;
      retry <= RETRIES_ON_RETRY &&
      result.status === 'RETRY' &&
      result.outcome_unknown !== true &&
      Date.now() + this.retryDelayMs * retry < notAfter;
      retry++
    ) {
      await sleep(this.retryDelayMs * retry);
      result = (await this.lookUp(order.intent)) ?? (await order.send());
    }
    return result;
  }

  private lookUp(intent: PendingOrder): Promise<ConnectorResult | null> {
    return this.gateway.findOrder(intent.accountId, intent.clientOrderId, intent.symbol);
  }
}

/** One order's end in this call: what its task records, the row's outcome, or its deferral. */
interface Settled {
  outcome: ConnectorOutcome;
  record: OrderOutcome | null;
  deferMs?: number;
  /** RETRY whose send may have reached the platform: re-driven only after the quiet period. */
  unknown?: boolean;
}

const IN_FLIGHT =
  'IN_FLIGHT: written by a router that may still be sending it; looked up once its send window is over';

function inFlight(
  ref: Pick<ConnectorOutcome, 'firm_code' | 'account_id' | 'account_label'>,
): ConnectorOutcome {
  return { ...ref, status: 'RETRY', external_order_id: null, raw_response: null, error_message: IN_FLIGHT };
}

/** SUCCESS, FAILED, SKIPPED: the platform answered. PENDING_SEND and RETRY leave the outcome open. */
function isSettled(status: OrderStatus): status is 'SUCCESS' | 'FAILED' | 'SKIPPED' {
  return status !== 'PENDING_SEND' && status !== 'RETRY';
}

function fromStored(
  ref: Pick<ConnectorOutcome, 'firm_code' | 'account_id' | 'account_label'>,
  status: ConnectorStatus,
  stored: StoredOrder,
): ConnectorOutcome {
  return {
    ...ref,
    status,
    external_order_id: stored.externalOrderId,
    raw_response: stored.rawResponse,
    error_message: stored.errorMessage,
  };
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

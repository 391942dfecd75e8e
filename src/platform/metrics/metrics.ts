import { Injectable, Logger } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Refreshes gauges from their owner's state just before a scrape (queue depth, sync, account room …). */
export type MetricsCollector = () => Promise<void> | void;

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/**
 * Every Prometheus metric PropRouter exports (issue 18, "Metrics"), declared in one place: the contexts
 * count and observe through this class, and register collectors for the gauges they own, read at scrape
 * time. One registry per application instance (several apps in one test process never share counters).
 * Labels never carry a secret or free text: firm codes, platform names, account labels, connection ids,
 * outcome and reason codes.
 */
@Injectable()
export class Metrics {
  private readonly log = new Logger('Metrics');
  readonly registry = new Registry();
  private readonly collectors: MetricsCollector[] = [];

  readonly webhookRequests = new Counter({
    name: 'proprouter_webhook_requests_total',
    help: 'Webhook requests by outcome (accepted, duplicate, refused) and reason (the refusal, by HTTP status)',
    labelNames: ['outcome', 'reason'] as const,
    registers: [this.registry],
  });
  readonly intakeSeconds = new Histogram({
    name: 'proprouter_webhook_intake_seconds',
    help: 'Time to answer a webhook request (accepted signals are committed before the answer)',
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly queueDepth = new Gauge({
    name: 'proprouter_queue_depth',
    help: 'Execution tasks waiting to be routed (PENDING)',
    registers: [this.registry],
  });
  readonly queueOldestSeconds = new Gauge({
    name: 'proprouter_queue_oldest_pending_seconds',
    help: 'Age of the oldest pending execution task (0 when none)',
    registers: [this.registry],
  });
  readonly tasks = new Counter({
    name: 'proprouter_tasks_total',
    help: 'Execution tasks completed by this process, by outcome',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly signalToOrderSeconds = new Histogram({
    name: 'proprouter_signal_to_order_seconds',
    help: "From the signal's receipt to the platform's answer to its order, per platform",
    labelNames: ['platform'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly orders = new Counter({
    name: 'proprouter_orders_total',
    help: 'Orders sent by this process, by platform, firm and status (SUCCESS, FAILED, RETRY, SKIPPED)',
    labelNames: ['platform', 'firm', 'status'] as const,
    registers: [this.registry],
  });
  readonly connectorRetries = new Counter({
    name: 'proprouter_connector_retries_total',
    help: 'Platform calls retried after a transient failure, per connection',
    labelNames: ['connection', 'platform'] as const,
    registers: [this.registry],
  });
  readonly breakerState = new Gauge({
    name: 'proprouter_connector_breaker_open',
    help: 'Circuit breaker per connection: 0 closed, 0.5 half-open, 1 open (calls fail fast)',
    labelNames: ['connection', 'platform'] as const,
    registers: [this.registry],
  });
  readonly syncUp = new Gauge({
    name: 'proprouter_sync_mode',
    help: 'Sync mode per connection held by this process: 1 for the current mode (streaming, polling, down)',
    labelNames: ['connection', 'mode'] as const,
    registers: [this.registry],
  });
  readonly syncLagSeconds = new Gauge({
    name: 'proprouter_sync_event_age_seconds',
    help: "Time since the platform's last event or answer, per connection held by this process",
    labelNames: ['connection'] as const,
    registers: [this.registry],
  });
  readonly accountEquity = new Gauge({
    name: 'proprouter_account_equity',
    help: 'Balance + open P&L per trading account (account currency)',
    labelNames: ['account', 'firm'] as const,
    registers: [this.registry],
  });
  readonly accountDailyLossLeft = new Gauge({
    name: 'proprouter_account_daily_loss_left',
    help: "Room left before the account's daily loss limit (absent when it has none)",
    labelNames: ['account', 'firm'] as const,
    registers: [this.registry],
  });
  readonly accountDrawdownLeft = new Gauge({
    name: 'proprouter_account_drawdown_left',
    help: "Equity above the program's drawdown floor (absent when it has none)",
    labelNames: ['account', 'firm'] as const,
    registers: [this.registry],
  });
  readonly notifications = new Counter({
    name: 'proprouter_notifications_total',
    help: 'Notification deliveries per channel and outcome (sent, failed)',
    labelNames: ['channel', 'outcome'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'proprouter_' });
  }

  /** Registers a collector run before every scrape (its failure leaves its gauges as they were). */
  onCollect(collector: MetricsCollector): void {
    this.collectors.push(collector);
  }

  /** The Prometheus text exposition, gauges refreshed first. */
  async render(): Promise<string> {
    await Promise.all(
      this.collectors.map(async (c) => {
        try {
          await c();
        } catch (e) {
          this.log.warn(`A metrics collector failed: ${e instanceof Error ? e.message : String(e)}`);
        }
      }),
    );
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

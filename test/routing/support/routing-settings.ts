import type { RoutingSettings } from '../../../src/routing/application/routing-settings';
import type { ClaimedTask } from '../../../src/routing/application/ports/task-queue.port';
import type { Signal } from '../../../src/routing/domain/signal';

export function testSettings(overrides: Partial<RoutingSettings> = {}): RoutingSettings {
  return {
    webhookSecrets: ['test-webhook-secret'],
    allowedSenders: null,
    dryRun: false,
    routerEnabled: true,
    pollIntervalMs: 2000,
    batchSize: 20,
    maxAttempts: 5,
    leaseMs: 30_000,
    notify: true,
    handoff: true,
    routerId: 'router-test',
    orderRetry: { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1000, pollIntervalMs: 50, leaseMs: 120_000 },
    protectEnabled: true,
    protectTimeoutMs: 200,
    orderSendWindowMs: 30_000,
    dedupeWindowS: 60,
    ...overrides,
  };
}

/** An Object Mother for signals: a valid NQ entry unless told otherwise. */
export function aSignal(overrides: Partial<Signal> = {}): Signal {
  return {
    trade_id: 't-1',
    event_type: 'entry',
    symbol: 'NQ',
    side: 'buy',
    quantity: null,
    order_type: 'market',
    entry_price: 21500,
    stop_loss: 21490,
    take_profit: null,
    risk_percent: 0.01,
    accounts: [],
    account_tags: [],
    firm_codes: [],
    program_ids: [],
    session: null,
    bias: null,
    ...overrides,
  };
}

export function aTask(signal: Signal, overrides: Partial<ClaimedTask> = {}): ClaimedTask {
  return { id: 7, signal, attempts: 1, createdAt: new Date('2025-11-22T14:30:00Z'), ...overrides };
}

import { LiveEvents, LiveEventType } from '../../platform/live/live-events';
import type { WebhookRefusal } from '../domain/webhook-refusal';
import { StoredRefusal, WebhookRefusalStore } from './ports/webhook-refusal.store.port';
import type { RoutingSettings } from './routing-settings';
import { REFUSALS_KEPT, REFUSALS_PER_MINUTE, WebhookRefusals } from './webhook-refusals.service';

class MemoryStore extends WebhookRefusalStore {
  rows: { refusal: WebhookRefusal; suppressedBefore: number; keep: number }[] = [];
  async insert(refusal: WebhookRefusal, suppressedBefore: number, keep: number): Promise<void> {
    this.rows.push({ refusal, suppressedBefore, keep });
  }
  async list(): Promise<{ total: number; items: StoredRefusal[] }> {
    return { total: 0, items: [] };
  }
}

class PublishedEvents extends LiveEvents {
  events: { type: LiveEventType; data: Record<string, unknown> }[] = [];
  publish(type: LiveEventType, data: Record<string, unknown>): void {
    this.events.push({ type, data });
  }
}

describe('WebhookRefusals', () => {
  const settings = { webhookSecrets: ['configured-secret'] } as RoutingSettings;
  const refused = {
    status: 401,
    payload: '{"message":"no"}',
    body: { secret: 'configured-secret' },
    ip: '1.2.3.4',
    path: '/api/webhooks/tradingview?x=1',
  };

  it('stores each refusal with its reason, path without query, body without secret, bounded', async () => {
    const store = new MemoryStore();
    const live = new PublishedEvents();
    new WebhookRefusals(store, settings, live).record(refused, 0);
    expect(store.rows).toEqual([
      {
        refusal: {
          status: 401,
          reason: 'no',
          problems: [],
          ip: '1.2.3.4',
          path: '/api/webhooks/tradingview',
          body: '{"secret":"[REDACTED]"}',
        },
        suppressedBefore: 0,
        keep: REFUSALS_KEPT,
      },
    ]);
    await new Promise((r) => setImmediate(r));
    expect(live.events).toEqual([
      { type: 'webhook.refused', data: { status: 401, reason: 'no', path: '/api/webhooks/tradingview' } },
    ]);
  });

  it('stores at most the budget a minute, then counts; the next stored row says how many were not', () => {
    const store = new MemoryStore();
    const refusals = new WebhookRefusals(store, settings, new PublishedEvents());
    for (let i = 0; i < REFUSALS_PER_MINUTE + 7; i++) refusals.record(refused, 1_000 + i);
    expect(store.rows).toHaveLength(REFUSALS_PER_MINUTE);
    refusals.record(refused, 1_000 + 59_999);
    expect(store.rows).toHaveLength(REFUSALS_PER_MINUTE);
    refusals.record(refused, 1_000 + 60_000);
    expect(store.rows).toHaveLength(REFUSALS_PER_MINUTE + 1);
    expect(store.rows.at(-1)?.suppressedBefore).toBe(8);
  });
});

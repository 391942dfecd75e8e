import { Inject, Injectable, Logger } from '@nestjs/common';
import { LiveEvents } from '../../platform/live/live-events';
import { keptBody, refusalReason, storable } from '../domain/webhook-refusal';
import { WebhookRefusalStore } from './ports/webhook-refusal.store.port';
import { ROUTING_SETTINGS, RoutingSettings } from './routing-settings';

/** The newest refusals kept; older ones are dropped as new ones come. */
export const REFUSALS_KEPT = 1000;
/** Refusals stored per minute at most: a flood of bad requests is counted, not written row by row. */
export const REFUSALS_PER_MINUTE = 120;

export interface RefusedRequest {
  status: number;
  payload: unknown;
  body: unknown;
  ip: string;
  path: string;
}

/**
 * Records every refused webhook request (issue 15) so a trader can see why an alert "did nothing": off the
 * request's path (the answer is already on its way), under a per-minute budget, never failing the request.
 */
@Injectable()
export class WebhookRefusals {
  private readonly logger = new Logger(WebhookRefusals.name);
  private windowStart = Number.NEGATIVE_INFINITY;
  private storedInWindow = 0;
  private suppressed = 0;

  constructor(
    private readonly store: WebhookRefusalStore,
    @Inject(ROUTING_SETTINGS) private readonly settings: RoutingSettings,
    private readonly live: LiveEvents,
  ) {}

  record(r: RefusedRequest, now = Date.now()): void {
    if (now - this.windowStart >= 60_000) {
      this.windowStart = now;
      this.storedInWindow = 0;
    }
    if (this.storedInWindow >= REFUSALS_PER_MINUTE) {
      this.suppressed += 1;
      return;
    }
    this.storedInWindow += 1;
    const suppressedBefore = this.suppressed;
    this.suppressed = 0;
    const { reason, problems } = refusalReason(r.status, r.payload);
    const refusal = {
      status: r.status,
      reason,
      problems,
      ip: r.ip.slice(0, 64),
      path: storable(r.path.split('?')[0].slice(0, 200)),
      body: keptBody(r.body, this.settings.webhookSecrets),
    };
    this.store
      .insert(refusal, suppressedBefore, REFUSALS_KEPT)
      .then(() =>
        this.live.publish('webhook.refused', { status: refusal.status, reason, path: refusal.path }),
      )
      .catch((err: unknown) =>
        this.logger.warn(`a refused webhook could not be recorded: ${(err as Error).message}`),
      );
  }
}

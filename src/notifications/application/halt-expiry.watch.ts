import { Inject, Injectable } from '@nestjs/common';
import { TradingHalts } from '../../risk/application/ports/trading-halts.port';
import { Clock } from '../../platform/time/clock';
import { NOTIFY_SETTINGS, type NotifySettings } from './notify-settings';
import { Outbox } from './ports/outbox.port';

/** How far back a halt's end is still announced (a service down longer says nothing of older ones). */
const LOOK_BACK_MS = 24 * 3600_000;

/**
 * A halt that ends by itself (an account halted until the end of its trading day, a halt set for 6 hours)
 * changes no row when it ends, so no trigger announces it: every NOTIFY_LIMIT_CHECK_MS this watch adds one
 * `halt.cleared` (`expired: true`) per halt whose end has passed in the last day and nobody cleared — once,
 * across checks and processes (the outbox key `halt.expired:<id>`).
 */
@Injectable()
export class HaltExpiryWatch {
  private lastCheck = 0;

  constructor(
    @Inject(NOTIFY_SETTINGS) private readonly settings: NotifySettings,
    private readonly halts: TradingHalts,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  /** Checks when a check is due; returns the notices added. */
  async check(): Promise<number> {
    const now = this.clock.now().getTime();
    if (now - this.lastCheck < this.settings.limitCheckMs) return 0;
    this.lastCheck = now;
    let added = 0;
    for (const h of await this.halts.expiredRecently(LOOK_BACK_MS)) {
      const fresh = await this.outbox.add({
        kind: 'halt.cleared',
        accountId: h.accountId,
        payload: {
          halt_id: h.id,
          firm_code: h.firmCode,
          account_id: h.accountId,
          account_label: h.accountLabel,
          reason: h.reason.slice(0, 300),
          by: h.createdBy,
          expired: true,
          expires_at: h.expiresAt!.toISOString(),
        },
        dedupeKey: `halt.expired:${h.id}`,
      });
      if (fresh) added += 1;
    }
    return added;
  }
}

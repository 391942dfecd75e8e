import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Metrics } from '../../platform/metrics/metrics';
import { afterFailure, channelPauseMs } from '../domain/retry-schedule';
import { subscribes } from '../domain/subscription';
import { ChannelDelivery } from './channel-delivery';
import { DailySummaryWatch } from './daily-summary.watch';
import { DeadManWatch } from './dead-man.watch';
import { HaltExpiryWatch } from './halt-expiry.watch';
import { LimitWatch } from './limit.watch';
import { NOTIFY_SETTINGS, type NotifySettings } from './notify-settings';
import { ChannelStore } from './ports/channel-store.port';
import { ClaimedDelivery, Outbox } from './ports/outbox.port';

/**
 * The sender: every NOTIFY_POLL_MS it fans new outbox events out to their channels, claims due deliveries
 * (a lease, FOR UPDATE SKIP LOCKED: processes sharing the database never take the same one) and sends them,
 * one channel's deliveries in order, channels side by side, each on its own: a channel still sending is
 * left out of the next claims while the other channels' deliveries go on. It runs beside routing and shares
 * nothing with it but the database: a dead receiver only makes its own deliveries wait. A failing channel
 * (NOTIFY_FAILING_AFTER failures in a row) is paused as a whole and probed by one delivery at a time, its
 * pause doubling: a dead receiver costs a request now and then, not one per event and retry.
 */
@Injectable()
export class NotificationSender implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Notifications');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  /** Channels still sending what an earlier round claimed: a slow or hanging one holds up only itself. */
  private readonly sending = new Map<number, Promise<void>>();
  private stopped = false;

  constructor(
    @Inject(NOTIFY_SETTINGS) private readonly settings: NotifySettings,
    private readonly outbox: Outbox,
    private readonly delivery: ChannelDelivery,
    private readonly deadMan: DeadManWatch,
    private readonly limits: LimitWatch,
    private readonly summaries: DailySummaryWatch,
    private readonly metrics: Metrics,
    private readonly channels: ChannelStore,
    private readonly haltExpiries: HaltExpiryWatch,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.settings.enabled) return;
    this.timer = setInterval(() => void this.tick(), this.settings.pollMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
    await Promise.all(this.sending.values());
    if (this.settings.enabled) await this.outbox.release(this.settings.holderId).catch(() => undefined);
  }

  /** One round; a round still running when the next is due is not doubled. */
  tick(): Promise<void> {
    if (this.running || this.stopped) return this.running ?? Promise.resolve();
    this.running = this.round()
      .catch((err: unknown) => this.logger.warn(`notification round failed: ${(err as Error).message}`))
      .finally(() => (this.running = null));
    return this.running;
  }

  private async round(): Promise<void> {
    // the periodic checks only add events: one that fails must not hold up the deliveries
    await this.guarded('dead-man', () => this.deadMan.check());
    await this.guarded('limit', () => this.limits.check());
    await this.guarded('daily summary', () => this.summaries.check());
    await this.guarded('halt expiry', () => this.haltExpiries.check());
    await this.outbox.dispatch(this.settings.batchSize, subscribes);
    const claimed = await this.outbox.claim(
      this.settings.holderId,
      this.settings.leaseMs,
      this.settings.batchSize,
      [...this.sending.keys()],
    );
    const byChannel = new Map<number, ClaimedDelivery[]>();
    for (const d of claimed) byChannel.set(d.channel.id, [...(byChannel.get(d.channel.id) ?? []), d]);
    // each channel sends on its own: the next round claims for the others while one still waits on its receiver
    for (const [id, list] of byChannel) {
      const run = this.sendInOrder(list)
        .catch((err: unknown) =>
          this.logger.warn(`sending to channel ${id} failed: ${(err as Error).message}`),
        )
        .finally(() => this.sending.delete(id));
      this.sending.set(id, run);
    }
  }

  private async guarded(what: string, check: () => Promise<unknown>): Promise<void> {
    try {
      await check();
    } catch (err) {
      this.logger.warn(`${what} check failed: ${(err as Error).message}`);
    }
  }

  private async sendInOrder(list: ClaimedDelivery[]): Promise<void> {
    // the channel as claimed, plus this list's own failures since (its row's count is read once per claim)
    let failedHere = 0;
    for (const [i, d] of list.entries()) {
      // the batch was claimed under one lease; slow sends before this one may have outlasted it, and another
      // process may have claimed this delivery since: each send starts on a lease of its own, or not at all
      // (the rest of the list lapsed with it)
      if (!(await this.outbox.renew(d.id, this.settings.holderId, this.settings.leaseMs))) {
        this.logger.warn(
          `channel ${d.channel.id}: the lease on ${list.length - i} claimed deliveries lapsed before they were sent; left to whoever holds them now`,
        );
        return;
      }
      const paused = await this.sendOne(d, () => ++failedHere);
      if (paused !== null) {
        // rate limited or failing: the channel's other claimed deliveries wait as long, without using an attempt
        for (const rest of list.slice(i + 1))
          await this.outbox.retry(rest.id, this.settings.holderId, paused.ms, paused.why, false);
        return;
      }
    }
  }

  /** Sends one delivery and settles it; returns how long the channel now waits (rate limit, failing), else null. */
  private async sendOne(
    d: ClaimedDelivery,
    failed: () => number,
  ): Promise<{ ms: number; why: string } | null> {
    const holder = this.settings.holderId;
    const outcome = await this.delivery.send(d.channel, d.event, this.settings.publicUrl);
    if (outcome.ok) {
      await this.outbox.sent(d.id, holder);
      this.metrics.notifications.inc({ channel: d.channel.name, outcome: 'sent' });
      return null;
    }
    const next = afterFailure(d.attempts, this.settings.retry, outcome.retryAfterMs);
    if (!next.retry) {
      await this.outbox.failed(d.id, holder, outcome.error);
      this.metrics.notifications.inc({ channel: d.channel.name, outcome: 'failed' });
    } else await this.outbox.retry(d.id, holder, next.delayMs, outcome.error, outcome.retryAfterMs === null);
    if (outcome.retryAfterMs !== null) return { ms: outcome.retryAfterMs, why: 'waiting for the rate limit' };
    const inRow = d.channel.consecutiveFailures + failed();
    const pause = channelPauseMs(inRow, this.settings.failingAfter, this.settings.retry);
    if (pause === null) return null;
    await this.channels.pause(d.channel.id, new Date(Date.now() + pause));
    return { ms: pause, why: 'waiting: the channel is failing' };
  }
}

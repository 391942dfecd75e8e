import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../../platform/time/clock';
import { silenceAlarm } from '../domain/dead-man';
import { NOTIFY_SETTINGS, type NotifySettings } from './notify-settings';
import { Outbox } from './ports/outbox.port';

/**
 * The dead-man switch: inside the session hours, no alert for NOTIFY_HEARTBEAT_MINUTES raises one
 * `heartbeat.silent` event per silence (its key is the silence's start, so processes sharing the database
 * and later rounds add it once).
 */
@Injectable()
export class DeadManWatch {
  constructor(
    @Inject(NOTIFY_SETTINGS) private readonly settings: NotifySettings,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  async check(): Promise<boolean> {
    const minutes = this.settings.heartbeatMinutes;
    if (minutes <= 0) return false;
    const last = await this.outbox.lastAlertAt();
    const alarm = silenceAlarm(this.clock.now(), last, minutes, this.settings.session);
    if (!alarm) return false;
    return this.outbox.add({
      kind: 'heartbeat.silent',
      accountId: null,
      payload: {
        minutes,
        last_alert_at: last?.toISOString() ?? null,
        silent_since: alarm.silentSince.toISOString(),
      },
      dedupeKey: alarm.key,
    });
  }
}

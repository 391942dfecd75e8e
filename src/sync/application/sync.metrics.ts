import { Inject, Injectable } from '@nestjs/common';
import { Metrics } from '../../platform/metrics/metrics';
import { SyncStore } from './ports/sync-store.port';
import { SYNC_SETTINGS, SyncSettings } from './sync-settings';

/** At every scrape: the mode and the age of the last platform event of each connection this process holds. */
@Injectable()
export class SyncMetrics {
  constructor(metrics: Metrics, store: SyncStore, @Inject(SYNC_SETTINGS) settings: SyncSettings) {
    metrics.onCollect(async () => {
      metrics.syncUp.reset();
      metrics.syncLagSeconds.reset();
      const now = Date.now();
      for (const s of await store.list()) {
        if (s.holder !== settings.holderId) continue;
        const connection = String(s.connectionId);
        metrics.syncUp.set({ connection, mode: s.mode }, 1);
        if (s.lastEventAt)
          metrics.syncLagSeconds.set({ connection }, Math.max(0, now - s.lastEventAt.getTime()) / 1000);
      }
    });
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { SyncedStateChanges } from './ports/synced-state-changes.port';

/** SyncedStateChanges in process: a listener that throws is logged, never felt by the sync that published. */
@Injectable()
export class SyncedStateChangeHub extends SyncedStateChanges {
  private readonly log = new Logger('SyncedStateChanges');
  private readonly listeners = new Set<(accountId: number) => void>();

  subscribe(listener: (accountId: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(accountId: number): void {
    for (const listener of this.listeners) {
      try {
        listener(accountId);
      } catch (e) {
        this.log.warn(`listener failed for account ${accountId}: ${(e as Error).message}`);
      }
    }
  }
}

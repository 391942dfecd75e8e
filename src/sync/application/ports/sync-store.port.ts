import type { SyncMode } from '../../domain/sync-plan';

export interface SyncStatusUpdate {
  mode: SyncMode;
  /** When the platform last answered (a read or a stream event); unchanged when absent. */
  lastEventAt?: Date;
  lastError: string | null;
}

export interface ConnectionSyncStatus {
  connectionId: number;
  /** The process holding the connection's sync, while its lease runs. */
  holder: string | null;
  leaseUntil: Date | null;
  mode: SyncMode;
  lastEventAt: Date | null;
  lastError: string | null;
  updatedAt: Date;
}

/**
 * `connection_sync`: which process keeps each connection in sync (a lease, so several processes never
 * open a platform session twice: a dead holder's lease runs out and another takes over) and how it goes.
 */
export abstract class SyncStore {
  /** Takes the connection's lease for `holder` (free, expired, or already its own) and renews it; true when held. */
  abstract lease(connectionId: number, holder: string, leaseMs: number): Promise<boolean>;
  /** Records the sync's state; only while `holder` holds the lease. */
  abstract record(connectionId: number, holder: string, update: SyncStatusUpdate): Promise<void>;
  /** Gives the leases back (shutdown), so another process takes over at once. */
  abstract release(holder: string): Promise<void>;
  abstract list(): Promise<ConnectionSyncStatus[]>;
}

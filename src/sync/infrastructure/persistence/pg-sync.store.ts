import { Injectable } from '@nestjs/common';
import { PgSql } from '../../../platform/database/pg-sql';
import { LiveEvents } from '../../../platform/live/live-events';
import { ConnectionSyncStatus, SyncStatusUpdate, SyncStore } from '../../application/ports/sync-store.port';
import type { SyncMode } from '../../domain/sync-plan';

// Free, expired, or already ours: taken and renewed in one statement; another holder's live lease stays.
const LEASE = `INSERT INTO connection_sync (connection_id, holder, lease_until)
  VALUES ($1, $2, now() + $3 * interval '1 millisecond')
  ON CONFLICT (connection_id) DO UPDATE SET holder = EXCLUDED.holder, lease_until = EXCLUDED.lease_until
    WHERE connection_sync.holder IS NULL OR connection_sync.holder = EXCLUDED.holder
       OR connection_sync.lease_until < now()
  RETURNING holder`;

const RECORD = `UPDATE connection_sync SET mode = $3, last_event_at = COALESCE($4, last_event_at),
    last_error = $5, updated_at = now()
  WHERE connection_id = $1 AND holder = $2`;

const RELEASE = `UPDATE connection_sync SET holder = NULL, lease_until = NULL, updated_at = now() WHERE holder = $1`;

const LIST = `SELECT connection_id, holder, lease_until, mode, last_event_at, last_error, updated_at
  FROM connection_sync ORDER BY connection_id`;

interface Row {
  connection_id: number;
  holder: string | null;
  lease_until: Date | null;
  mode: SyncMode;
  last_event_at: Date | null;
  last_error: string | null;
  updated_at: Date;
}

/** SyncStore on Postgres: every change one statement. A change of mode or error is a live event. */
@Injectable()
export class PgSyncStore extends SyncStore {
  /** What this process last announced per connection it holds (mode and error). */
  private readonly announced = new Map<number, string>();

  constructor(
    private readonly sql: PgSql,
    private readonly live: LiveEvents,
  ) {
    super();
  }

  async lease(connectionId: number, holder: string, leaseMs: number): Promise<boolean> {
    const r = await this.sql.query<{ holder: string }>(LEASE, [connectionId, holder, leaseMs]);
    return r.rows[0]?.holder === holder;
  }

  async record(connectionId: number, holder: string, u: SyncStatusUpdate): Promise<void> {
    const r = await this.sql.query(RECORD, [
      connectionId,
      holder,
      u.mode,
      u.lastEventAt ?? null,
      u.lastError,
    ]);
    const seen = `${u.mode}|${u.lastError ?? ''}`;
    if (!r.rowCount || this.announced.get(connectionId) === seen) return;
    this.announced.set(connectionId, seen);
    const data = { connection_id: connectionId, mode: u.mode, last_error: u.lastError };
    this.live.publish('sync.status', data, `sync:${connectionId}`);
  }

  async release(holder: string): Promise<void> {
    await this.sql.query(RELEASE, [holder]);
  }

  async list(): Promise<ConnectionSyncStatus[]> {
    const r = await this.sql.query<Row>(LIST, []);
    return r.rows.map((row) => ({
      connectionId: row.connection_id,
      holder: row.holder,
      leaseUntil: row.lease_until,
      mode: row.mode,
      lastEventAt: row.last_event_at,
      lastError: row.last_error,
      updatedAt: row.updated_at,
    }));
  }
}

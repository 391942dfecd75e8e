import type { Logger } from '@nestjs/common';
import type { StreamSink } from './stream-sink';
import type { SyncStatusUpdate, SyncStore } from './ports/sync-store.port';

/** How long a `streaming` status waits for its stream's resync pictures to be applied before it is recorded. */
export const STREAMING_RECORD_WAIT_MS = 2_000;

/**
 * A process's sync status writes, one connection's after another in the order made (stream reports and
 * rounds alike), so a late write never overtakes a newer status. A write with a sink waits (bounded) until
 * that sink has applied the pictures it holds: `streaming` is recorded after the stream's resync, so whoever
 * reads the mode reads the state it resynced to. A failed write is logged, never thrown.
 */
export class StatusWrites {
  private readonly last = new Map<number, Promise<void>>();

  constructor(
    private readonly store: SyncStore,
    private readonly holderId: string,
    private readonly log: Logger,
  ) {}

  record(connectionId: number, update: SyncStatusUpdate, applied?: StreamSink): Promise<void> {
    const write = (this.last.get(connectionId) ?? Promise.resolve())
      .then(() => applied?.appliedWithin(STREAMING_RECORD_WAIT_MS))
      .then(() => this.store.record(connectionId, this.holderId, update))
      .catch((e: Error) => this.log.warn(`Sync status: ${e.message}`))
      .finally(() => {
        if (this.last.get(connectionId) === write) this.last.delete(connectionId);
      });
    this.last.set(connectionId, write);
    return write;
  }

  /**
   * A stream's report: `streaming` once the sink has applied what the stream delivered before it came up,
   * `polling` (with the stream's error) at once after the writes before it.
   */
  reported(connectionId: number, up: boolean, error: string | null, sink?: StreamSink): Promise<void> {
    return up
      ? this.record(connectionId, { mode: 'streaming', lastEventAt: new Date(), lastError: null }, sink)
      : this.record(connectionId, { mode: 'polling', lastError: `stream: ${error ?? 'closed'}` });
  }

  /** Resolves once every write made so far has ended. */
  async settled(): Promise<void> {
    await Promise.all([...this.last.values()]);
  }
}

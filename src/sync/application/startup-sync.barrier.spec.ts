import {
  SyncConfirmationReader,
  SyncConfirmations,
} from '../../risk/application/ports/sync-confirmations.port';
import { StartupSyncBarrier } from './startup-sync.barrier';

/** Confirmations as the test sets them; counts the reads. */
class Confirmations extends SyncConfirmationReader {
  readonly at = new Map<number, Date>();
  reads = 0;
  constructor(private readonly staleAfterMs = 10_000) {
    super();
  }
  async confirmations(ids: number[]): Promise<SyncConfirmations> {
    this.reads++;
    return {
      confirmedAt: new Map([...this.at].filter(([id]) => ids.includes(id))),
      staleAfterMs: this.staleAfterMs,
    };
  }
}

const settings = (enabled = true) => ({
  enabled,
  pollIntervalMs: 1000,
  leaseMs: 5000,
  holderId: 'me',
  reconcileIntervalMs: 30000,
  reconcileSettleMs: 5000,
});

describe('StartupSyncBarrier', () => {
  it('holds an account confirmed before the start until a sync confirms it after, then never asks again', async () => {
    const reader = new Confirmations();
    const barrier = new StartupSyncBarrier(reader, settings());
    barrier.pollMs = 5;
    reader.at.set(7, new Date(barrier.startedAt.getTime() - 1000)); // looks fresh, read before the restart
    let done = false;
    const waiting = barrier.synced([7]).then(() => (done = true));
    await new Promise((r) => setTimeout(r, 30));
    expect(done).toBe(false);
    reader.at.set(7, new Date(barrier.startedAt.getTime() + 1)); // any process's sync after the start
    await waiting;
    const reads = reader.reads;
    await barrier.synced([7]);
    expect(reader.reads).toBe(reads);
  });

  it('stops holding after SYNC_STALE_MS when no sync comes: the risk gate decides', async () => {
    const reader = new Confirmations(60);
    const barrier = new StartupSyncBarrier(reader, settings());
    barrier.pollMs = 5;
    const started = Date.now();
    await barrier.synced([7, 8]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(60);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('is open at once when sync is off, and for no accounts', async () => {
    const reader = new Confirmations();
    await new StartupSyncBarrier(reader, settings(false)).synced([7]);
    await new StartupSyncBarrier(reader, settings()).synced([]);
    expect(reader.reads).toBe(0);
  });
});

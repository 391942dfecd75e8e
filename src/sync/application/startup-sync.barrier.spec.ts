import {
  SyncConfirmationReader,
  SyncConfirmations,
} from '../../risk/application/ports/sync-confirmations.port';
import { Clock, SystemClock } from '../../platform/time/clock';
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
    const barrier = new StartupSyncBarrier(reader, settings(), new SystemClock());
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

  it("with a clock behind the wall (a replay, a test's fake clock), counts a sync stamped on that clock", async () => {
    const behind = new Date(Date.now() - 30 * 86_400_000);
    const clock: Clock = { now: () => behind };
    const reader = new Confirmations(60_000);
    const barrier = new StartupSyncBarrier(reader, settings(), clock);
    barrier.pollMs = 5;
    expect(barrier.startedAt).toEqual(behind);
    reader.at.set(7, new Date(behind.getTime() - 1)); // before the start on that clock: held
    let done = false;
    const waiting = barrier.synced([7]).then(() => (done = true));
    await new Promise((r) => setTimeout(r, 30));
    expect(done).toBe(false);
    reader.at.set(7, new Date(behind.getTime() + 1000)); // a sync after the start, stamped on the clock
    await waiting;
  });

  it('with a clock ahead of the wall, the start is the wall time, as a sync stamps its read', () => {
    const ahead = new Date(Date.now() + 30 * 86_400_000);
    const barrier = new StartupSyncBarrier(new Confirmations(), settings(), { now: () => ahead });
    expect(barrier.startedAt.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it('stops holding after SYNC_STALE_MS when no sync comes: the risk gate decides', async () => {
    const reader = new Confirmations(60);
    const barrier = new StartupSyncBarrier(reader, settings(), new SystemClock());
    barrier.pollMs = 5;
    const started = Date.now();
    await barrier.synced([7, 8]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(60);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('is open at once when sync is off, and for no accounts', async () => {
    const reader = new Confirmations();
    await new StartupSyncBarrier(reader, settings(false), new SystemClock()).synced([7]);
    await new StartupSyncBarrier(reader, settings(), new SystemClock()).synced([]);
    expect(reader.reads).toBe(0);
  });
});

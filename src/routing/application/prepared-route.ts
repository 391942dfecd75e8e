import { AccountDirectory } from '../../accounts/application/ports/account-directory.port';
import { RiskCheckRequest, RiskGate, RiskReading } from '../../risk/application/ports/risk-gate.port';
import type { AccountSizing } from '../domain/routing-plan';
import { positionActionOf, Signal } from '../domain/signal';
import { resolveTargets, riskRequest, syncedIds, Targets } from './account-targets';
import { accountIdsOf } from './entry-decisions';
import { AccountLocks, HeldAccounts } from './ports/account-locks.port';
import { SyncBarrier } from './ports/sync-barrier.port';

/** Reads started for a signal before its task was claimed (the hand-off). */
export interface PreparedRoute {
  targets: Promise<Targets>;
  reading: Promise<RiskReading | null> | null;
  /**
   * A plain entry's sizing on `reading` for `targets` (null: none prepared), computed while the task's insert
   * is in flight: the route uses it when its targets are still those (no position was closed or added to first).
   */
  sizing: Promise<AccountSizing[]> | null;
  /** The decision locks `reading` was read under, once it has settled (null: none, read without). */
  locked(): HeldAccounts | null;
  /** Releases those locks (or drops them if not yet taken): on every path, decided or not; repeatable. */
  release(): void;
}

export interface RoutePreparation {
  directory: AccountDirectory;
  barrier: SyncBarrier;
  locks: AccountLocks;
  risk: RiskGate;
  dryRun: boolean;
  /** A decision batch of this process holds or awaits one of these accounts (EntryDecisions.batching). */
  batching(accountIds: readonly number[]): boolean;
  /** The pipeline's (coalesced) risk read of an entry's accounts; null when unavailable. */
  reading(basis: RiskCheckRequest[]): Promise<RiskReading | null>;
  /** The pipeline's sizing of an entry on a reading (RouteReads.size). */
  size(t: Targets, s: Signal, reading: RiskReading | null): Promise<AccountSizing[]>;
}

const NOTHING_HELD = { sizing: null, locked: () => null, release: () => {} };

/**
 * Starts the reads of a signal's route before its task exists; nothing is decided or sent before it is routed.
 * An entry's risk read waits for its synced accounts (the sync barrier). A plain entry routing orders (not in
 * dry run, no position to close or add to first) also takes its trading accounts' decision locks and reads
 * their risk state once they are held, beside the task's insert: when the insert answers, only its orders'
 * rows are left to write (the hand-off path's round trips: max(insert, lock + read), then the rows). Not when
 * this process holds one of them that way already (AccountLocks.tryHold), nor while a decision batch of this
 * process holds or awaits one (EntryDecisions.batching): that entry is decided as a claimed one is, with the
 * batch of its accounts, locked when it is decided. The caller releases them on every path (`release`).
 */
export function prepareRoute(signal: Signal, p: RoutePreparation): PreparedRoute {
  const targets = resolveTargets(p.directory, signal);
  targets.catch(() => undefined);
  if (signal.event_type !== 'entry') return { targets, reading: null, ...NOTHING_HELD };
  const early = !p.dryRun && positionActionOf(signal) === 'entry';
  let held: HeldAccounts | null = null;
  let dropped = false;
  const reading = targets.then(async (t) => {
    if (!early) return syncedReading(p.barrier, p.reading, t, signal);
    await p.barrier.synced(syncedIds(t));
    const basis = basisOf(t, signal);
    const ids = accountIdsOf([{ checks: basis }]);
    // under load (a batch already holds or awaits these accounts) the entry joins the batches: one lock for many
    const locks = ids.length === 0 || dropped || p.batching(ids) ? null : p.locks.tryHold(ids);
    if (!locks) return p.reading(basis);
    held = locks;
    try {
      await locks.taken;
    } catch {
      // not taken (another process held them past the lock timeout): decided under locks taken then
      locks.release();
      held = null;
      return p.reading(basis);
    }
    // read once the locks are held: this reading counts every order decided before on these accounts
    return p.risk.snapshot(basis).catch(() => null);
  });
  reading.catch(() => undefined);
  return {
    targets,
    reading,
    sizing: sizedEarly(signal, targets, reading, p),
    locked: () => held,
    release: () => {
      dropped = true;
      held?.release();
    },
  };
}

/** A plain entry sized as soon as it is read, beside its insert (its targets are the route's own); else null. */
function sizedEarly(
  signal: Signal,
  targets: Promise<Targets>,
  reading: Promise<RiskReading | null>,
  p: RoutePreparation,
): Promise<AccountSizing[]> | null {
  if (positionActionOf(signal) !== 'entry') return null;
  const sizing = Promise.all([targets, reading]).then(([t, r]) => p.size(t, signal, r));
  sizing.catch(() => undefined);
  return sizing;
}

/** The risk read of an entry's accounts (no quantity yet), once they are synced since this process started. */
export async function syncedReading(
  barrier: SyncBarrier,
  reading: (basis: RiskCheckRequest[]) => Promise<RiskReading | null>,
  t: Targets,
  s: Signal,
): Promise<RiskReading | null> {
  await barrier.synced(syncedIds(t));
  return reading(basisOf(t, s));
}

function basisOf(t: Targets, s: Signal): RiskCheckRequest[] {
  return t.accounts.map((a) => riskRequest(t, a, s, s.side!, null));
}

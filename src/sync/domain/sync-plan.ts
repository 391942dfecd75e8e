/** What the sync loop needs of one trading account (the accounts context's RoutingAccount, narrowed). */
export interface SyncAccount {
  id: number;
  label: string;
  firmCode: string;
  programId: number;
  connectionId: number;
}

/** How a connection's state is being kept: streamed, polled over REST, or not at all (failing). */
export type SyncMode = 'streaming' | 'polling' | 'down';

/**
 * The accounts to keep in sync, by connection: enabled accounts that have a program (an `env:{FIRM}`
 * account has none: its firm-level state stays manual, as in the seed).
 */
export function accountsByConnection(
  accounts: readonly (SyncAccount | { programId: null })[],
): Map<number, SyncAccount[]> {
  const out = new Map<number, SyncAccount[]>();
  for (const a of accounts) {
    if (a.programId === null) continue;
    const account = a as SyncAccount;
    const list = out.get(account.connectionId) ?? [];
    list.push(account);
    out.set(account.connectionId, list);
  }
  return out;
}

/** The newest fill time seen so far, after a read reported `fillTimes` (ISO instants). */
export function newestFill(previous: Date | null, fillTimes: readonly string[]): Date | null {
  const newest = fillTimes.reduce<number>(
    (max, t) => Math.max(max, Date.parse(t) || 0),
    previous?.getTime() ?? 0,
  );
  return newest > 0 ? new Date(newest) : null;
}

/**
 * Where the next read of an account's fills starts: a minute before the newest fill seen (platforms report
 * fills late; a fill read twice is applied once, by its id), or from the beginning when none was seen.
 */
export function fillCursor(newest: Date | null, overlapMs = 60_000): Date | null {
  return newest ? new Date(newest.getTime() - overlapMs) : null;
}

/**
 * Entry decisions on a trading account, one at a time across every router process on the database (issue 14:
 * two alerts 50 ms apart on an account with room for one are not both approved). A decision reads the
 * account's risk state and pending orders, decides, and records its order as pending; while it holds the
 * account, no other decision for that account reads, so each one sees every order decided before it.
 */
export abstract class AccountLocks {
  /**
   * Runs `work` holding the decision lock of every listed trading account (any order, repeats allowed), and
   * releases them when it settles. `work` must be short and local: reads and writes of the database, never
   * a call to a platform.
   */
  abstract exclusive<T>(accountIds: number[], work: () => Promise<T>): Promise<T>;

  /**
   * The same locks taken now and held until `release`, for a decision whose reads start before its task is
   * inserted (the hand-off): its risk state is read once they are taken, beside the insert. Null (nothing
   * asked) when this process already holds or awaits one of these accounts that way, or holds as many such
   * locks as it may (each holds a pooled connection): the decision then takes its locks when it is made,
   * as a claimed task's does. The holder calls `release` on every path (decided, or not going to decide);
   * what it does meanwhile must be as short and local as `exclusive`'s work.
   */
  abstract tryHold(accountIds: number[]): HeldAccounts | null;
}

/** Decision locks held (AccountLocks.hold). */
export interface HeldAccounts {
  /** The accounts held: sorted, each once. */
  readonly accountIds: readonly number[];
  /** Resolves once every lock is held; rejects when they could not be taken (nothing is held then). */
  readonly taken: Promise<void>;
  /** Frees them (once they are held, if they are not yet); safe to call more than once. */
  release(): void;
}

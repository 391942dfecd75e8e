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
}

import { AccountLocks, HeldAccounts } from '../../../src/routing/application/ports/account-locks.port';

/** AccountLocks in one process: per account, each holder waits for the one before it; records who held what. */
export class InMemoryAccountLocks extends AccountLocks {
  private readonly tails = new Map<number, Promise<void>>();
  /** The account ids of each `exclusive` call and each hold, in call order. */
  readonly held: number[][] = [];
  /** The holds (AccountLocks.tryHold) not released yet. */
  readonly open = new Set<HeldAccounts>();

  async exclusive<T>(accountIds: number[], work: () => Promise<T>): Promise<T> {
    const { taken, release } = this.take(accountIds);
    await taken;
    try {
      return await work();
    } finally {
      release();
    }
  }

  /** As PgAccountLocks: null while a hold of this process has any of these accounts. */
  tryHold(accountIds: number[]): HeldAccounts | null {
    if ([...this.open].some((h) => h.accountIds.some((id) => accountIds.includes(id)))) return null;
    const { ids, taken, release } = this.take(accountIds);
    const held: HeldAccounts = {
      accountIds: ids,
      taken,
      release: () => {
        this.open.delete(held);
        release();
      },
    };
    this.open.add(held);
    return held;
  }

  private take(accountIds: number[]) {
    const ids = [...new Set(accountIds)].sort((a, b) => a - b);
    this.held.push(ids);
    let release!: () => void;
    const done = new Promise<void>((resolve) => (release = resolve));
    const before = ids.map((id) => this.tails.get(id) ?? Promise.resolve());
    ids.forEach((id) => this.tails.set(id, done));
    return { ids, taken: Promise.all(before).then(() => undefined), release };
  }
}

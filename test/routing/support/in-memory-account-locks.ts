import { AccountLocks } from '../../../src/routing/application/ports/account-locks.port';

/** AccountLocks in one process: per account, each holder waits for the one before it; records who held what. */
export class InMemoryAccountLocks extends AccountLocks {
  private readonly tails = new Map<number, Promise<void>>();
  /** The account ids of each `exclusive` call, in call order. */
  readonly held: number[][] = [];

  async exclusive<T>(accountIds: number[], work: () => Promise<T>): Promise<T> {
    const ids = [...new Set(accountIds)].sort((a, b) => a - b);
    this.held.push(ids);
    let release!: () => void;
    const done = new Promise<void>((resolve) => (release = resolve));
    const before = ids.map((id) => this.tails.get(id) ?? Promise.resolve());
    ids.forEach((id) => this.tails.set(id, done));
    await Promise.all(before);
    try {
      return await work();
    } finally {
      release();
    }
  }
}

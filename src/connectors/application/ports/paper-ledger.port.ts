import type Decimal from 'decimal.js';
import type { PaperBook } from '../../domain/paper/paper-book';
import type { PaperFill, PaperOrder } from '../../domain/paper/paper-orders';

/** One account at the paper platform: a paper connection and the platform account name its accounts give. */
export interface PaperAccountKey {
  connectionId: number;
  platformAccount: string;
}

/** The last price of a contract root, and where it came from. */
export interface PaperMark {
  symbol: string;
  price: Decimal;
  source: 'posted' | 'alert';
  updatedAt: Date;
}

/**
 * The paper platform's ledger (issue 19), in Postgres so it survives restarts: each paper account's book,
 * its order and fill history, and the marks. `withBook` is the one way to change a book: under the
 * account's row lock, in one transaction, so concurrent orders and price posts never lose each other's fills
 * (several router processes may share the database).
 */
export abstract class PaperLedger {
  /**
   * Loads the account's book (opening it at `opening()` when it is new) under its row lock, runs `work`,
   * writes back the orders and fills it changed and commits. When `work` throws, nothing is written.
   */
  abstract withBook<T>(
    key: PaperAccountKey,
    opening: () => Promise<Decimal>,
    work: (book: PaperBook) => T,
  ): Promise<T>;
  /** The account's fills at or after `since` (all when null), oldest first. */
  abstract fills(key: PaperAccountKey, since: Date | null): Promise<PaperFill[]>;
  /** One order of the account by its id or by the router's client order id; null when there is none. */
  abstract order(
    key: PaperAccountKey,
    by: { id: string } | { clientOrderId: string },
  ): Promise<PaperOrder | null>;
  /** The platform accounts the connection's ledger holds. */
  abstract accounts(connectionId: number): Promise<string[]>;
  /** The accounts with a working order on the root. */
  abstract accountsWorking(symbol: string): Promise<PaperAccountKey[]>;
  abstract setMark(symbol: string, price: Decimal, source: PaperMark['source']): Promise<PaperMark>;
  /** The marks of these roots (every mark when omitted). */
  abstract marks(symbols?: string[]): Promise<PaperMark[]>;
}

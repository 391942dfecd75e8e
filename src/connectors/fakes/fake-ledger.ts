import Decimal from 'decimal.js';

/**
 * The money side of a loopback fake (issue 14): per account a cash balance, realized P&L, positions per
 * symbol with their average price, and the fills that made them, each with a unique fill id. Exact decimals
 * throughout; the fakes turn them into JSON numbers only when they answer.
 */

/** Dollars per point per contract, by root (a fake's small table; unknown roots count 1). */
export const POINT_VALUES: Record<string, string> = {
  NQ: '20',
  MNQ: '2',
  ES: '50',
  MES: '5',
  YM: '5',
  MYM: '0.5',
  RTY: '50',
  M2K: '5',
  CL: '1000',
  MCL: '100',
  GC: '100',
  MGC: '10',
  NQG: '2500',
};

export const DEFAULT_BALANCE = '50000';

/** A symbol's root: `MNQZ5`, `MNQZ2025`, `MNQ1!`, `CME_MINI:MNQ1!` and `MNQ` are all `MNQ`. */
export function rootOf(symbol: string): string {
  const bare = symbol
    .trim()
    .toUpperCase()
    .replace(/^[A-Z0-9_]+:/, '');
  return /^([A-Z0-9]+?)(?:[FGHJKMNQUVXZ]\d{1,4}|\d!)?$/.exec(bare)?.[1] ?? bare;
}

export function pointValue(symbol: string): Decimal {
  return new Decimal(POINT_VALUES[rootOf(symbol)] ?? '1');
}

export type FillSide = 'BUY' | 'SELL';

/** What a fake asks the ledger to book. */
export interface FillInput {
  accountId: string;
  /** The symbol as the fake names the contract (Tradovate/ProjectX contract name, REST symbol). */
  symbol: string;
  side: FillSide;
  quantity: number;
  price: Decimal;
  orderId: string;
  clientOrderId: string | null;
}

export interface FakeFill extends FillInput {
  /** Unique per fake (a number, as Tradovate and ProjectX give them). */
  id: number;
  at: Date;
  /** Realized P&L of this fill; null for a fill that only opened or added (ProjectX's half-turn). */
  realized: Decimal | null;
  /** How many times listings report it (2 while duplicate fills are switched on). */
  copies: number;
  /** Epoch ms from which listings show it (later than `at` while late fills are switched on). */
  visibleAt: number;
}

export interface LedgerPosition {
  symbol: string;
  net: number;
  average: Decimal;
}

interface Book {
  balance: Decimal;
  realized: Decimal;
  positions: Map<string, LedgerPosition>;
}

export class FakeLedger {
  private books = new Map<string, Book>();
  private fillList: FakeFill[] = [];
  private nextFillId = 70001;

  /** `starting`: each account's opening balance (configured per account, else 50,000). */
  constructor(private readonly starting: (accountId: string) => string = () => DEFAULT_BALANCE) {}

  clear(): void {
    this.books.clear();
    this.fillList = [];
  }

  /** The accounts that have traded (or been read) since the last clear. */
  accounts(): string[] {
    return [...this.books.keys()];
  }

  balance(accountId: string): Decimal {
    return this.book(accountId).balance;
  }
  realized(accountId: string): Decimal {
    return this.book(accountId).realized;
  }

  /** Open positions (net ≠ 0) of one account. */
  positions(accountId: string): LedgerPosition[] {
    return [...this.book(accountId).positions.values()].filter((p) => p.net !== 0);
  }
  position(accountId: string, symbol: string): LedgerPosition | undefined {
    return this.book(accountId).positions.get(symbol);
  }

  /** Open P&L of an account at `priceOf` (per symbol). */
  openPnl(accountId: string, priceOf: (symbol: string) => Decimal): Decimal {
    return this.positions(accountId).reduce(
      (sum, p) => sum.plus(priceOf(p.symbol).minus(p.average).times(p.net).times(pointValue(p.symbol))),
      new Decimal(0),
    );
  }

  /** Books a fill: position, average price, realized P&L and balance. */
  record(input: FillInput, opts: { copies: number; delayMs: number }): FakeFill {
    const book = this.book(input.accountId);
    const realized = this.apply(book, input);
    if (realized) {
      book.realized = book.realized.plus(realized);
      book.balance = book.balance.plus(realized);
    }
    const at = new Date();
    const fill = {
      ...input,
      id: this.nextFillId++,
      at,
      realized,
      ...opts,
      visibleAt: at.getTime() + opts.delayMs,
    };
    this.fillList.push(fill);
    return fill;
  }

  /** Fills as a listing reports them now: visible ones only, duplicated ones twice, oldest first. */
  fills(accountId: string | null, nowMs = Date.now()): FakeFill[] {
    return this.fillList
      .filter((f) => (accountId === null || f.accountId === accountId) && f.visibleAt <= nowMs)
      .flatMap((f) => Array<FakeFill>(f.copies).fill(f));
  }

  private apply(book: Book, f: FillInput): Decimal | null {
    const p = book.positions.get(f.symbol) ?? { symbol: f.symbol, net: 0, average: new Decimal(0) };
    book.positions.set(f.symbol, p);
    const signed = f.side === 'BUY' ? f.quantity : -f.quantity;
    if (p.net === 0 || Math.sign(p.net) === Math.sign(signed)) {
      const held = Math.abs(p.net);
      p.average = p.average
        .times(held)
        .plus(f.price.times(f.quantity))
        .div(held + f.quantity);
      p.net += signed;
      return null;
    }
    const closing = Math.min(f.quantity, Math.abs(p.net));
    const realized = f.price
      .minus(p.average)
      .times(closing * Math.sign(p.net))
      .times(pointValue(f.symbol));
    const next = p.net + signed;
    if (next === 0) p.average = new Decimal(0);
    else if (Math.sign(next) !== Math.sign(p.net)) p.average = f.price;
    p.net = next;
    return realized;
  }

  private book(accountId: string): Book {
    let book = this.books.get(accountId);
    if (!book) {
      book = {
        balance: new Decimal(this.starting(accountId)),
        realized: new Decimal(0),
        positions: new Map(),
      };
      this.books.set(accountId, book);
    }
    return book;
  }
}

import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { ProgramCatalog } from '../../registry/application/ports/program-catalog.port';
import { ContractCatalog } from '../../sizing/application/ports/contract-catalog.port';
import type { PaperBook } from '../domain/paper/paper-book';
import { PaperFill, PaperOrder, PaperRejection } from '../domain/paper/paper-orders';
import type { PlatformState } from './ports/broker-connector.port';
import type { ExitRequest, NormalizedOrder, StopOrderRequest } from './ports/connector-gateway.port';
import { PaperAccountKey, PaperLedger, PaperMark } from './ports/paper-ledger.port';

/** A paper account's key and the program whose account size it opens with (null: the default balance). */
export interface PaperAccountRef extends PaperAccountKey {
  programId: number | null;
}

/** What one posted price did: the fills it triggered, per account. */
export interface PriceOutcome {
  mark: PaperMark;
  fills: { key: PaperAccountKey; fill: PaperFill }[];
}

/** Opening balance of a paper account whose program is unknown (an `env:{FIRM}` account). */
export const PAPER_DEFAULT_BALANCE = '50000';

/**
 * The paper platform (issue 19): PropRouter plays the broker for accounts on a `paper` connection. Orders
 * fill against the ledger (PaperBook) at the alert's price or the mark; every price, posted or alerted,
 * becomes the root's mark and fills the working orders it reaches in every paper account (brackets, stops,
 * resting limits). The account's state is then read like any platform's (`state`), so sync, risk, guards and
 * notifications treat a paper account exactly as a live one.
 */
@Injectable()
export class PaperVenue {
  constructor(
    private readonly ledger: PaperLedger,
    private readonly contracts: ContractCatalog,
    private readonly programs: ProgramCatalog,
  ) {}

  /** The contract root of a symbol (`NQ1!`, `NQZ5` → `NQ`); a PaperRejection when the contract is unknown. */
  root(symbol: string): string {
    const root = this.contracts.normalize(symbol);
    if (!root || !this.contracts.spec(root)) throw new PaperRejection(`unknown contract ${symbol}`);
    return root;
  }

  /** Places an entry with its bracket legs; answers the entry and the legs' ids. */
  async placeEntry(
    ref: PaperAccountRef,
    order: NormalizedOrder,
  ): Promise<{ order: PaperOrder; legs: string[] }> {
    const symbol = this.root(order.symbol);
    const existing = await this.ledger.order(ref, { clientOrderId: order.client_order_id });
    if (existing) return { order: existing, legs: [] }; // the same order sent again (a re-drive): placed once
    const price = decimalOrNull(order.entry_price);
    const [mark] = await this.ledger.marks([symbol]);
    const placed = await this.book(ref, (b) => {
      const entry = b.placeEntry(
        {
          clientOrderId: order.client_order_id,
          symbol,
          side: order.side,
          quantity: order.quantity,
          type: order.order_type,
          price,
          stopLoss: decimalOrNull(order.stop_loss),
          takeProfit: decimalOrNull(order.take_profit),
        },
        mark?.price ?? null,
      );
      const legs = [...b.orders.values()].filter((o) => o.parentId === entry.id).map((o) => o.id);
      return { order: entry, legs };
    });
    if (placed.order.type === 'MARKET' && price) await this.observe(symbol, price, 'alert');
    return placed;
  }

  async placeStop(ref: PaperAccountRef, stop: StopOrderRequest): Promise<PaperOrder> {
    const symbol = this.root(stop.symbol);
    const existing = await this.ledger.order(ref, { clientOrderId: stop.client_order_id });
    if (existing) return existing;
    const price = new Decimal(stop.stop_price);
    return this.book(ref, (b) =>
      b.placeStop({
        clientOrderId: stop.client_order_id,
        symbol,
        side: stop.side,
        quantity: stop.quantity,
        price,
      }),
    );
  }

  /** Closes what an entry opened, at the exit alert's price when it gave one, else at the mark. */
  async close(ref: PaperAccountRef, exit: ExitRequest): Promise<PaperOrder> {
    const symbol = this.root(exit.symbol);
    const existing = await this.ledger.order(ref, { clientOrderId: exit.client_order_id });
    if (existing) return existing;
    const alerted = decimalOrNull(exit.price);
    const [mark] = await this.ledger.marks([symbol]);
    const closed = await this.book(ref, (b) =>
      b.close({
        clientOrderId: exit.client_order_id,
        symbol,
        entrySide: exit.entry_side,
        quantity: exit.quantity,
        entryOrderId: exit.entry_external_order_id,
        price: alerted ?? mark?.price ?? null,
      }),
    );
    if (alerted && closed.status === 'FILLED') await this.observe(symbol, alerted, 'alert');
    return closed;
  }

  resize(ref: PaperAccountRef, orderId: string, quantity: number): Promise<PaperOrder> {
    return this.book(ref, (b) => b.resize(orderId, quantity));
  }

  cancel(ref: PaperAccountRef, orderId: string): Promise<PaperOrder> {
    return this.book(ref, (b) => b.cancel(orderId));
  }

  order(ref: PaperAccountKey, by: { id: string } | { clientOrderId: string }): Promise<PaperOrder | null> {
    return this.ledger.order(ref, by);
  }

  /** The account's net position in the symbol's root and that root's open orders. */
  async position(
    ref: PaperAccountRef,
    symbol: string,
  ): Promise<{ symbol: string; net: number; orders: PaperOrder[] }> {
    const root = this.root(symbol);
    return this.book(ref, (b) => ({
      symbol: root,
      net: b.positions.get(root)?.net ?? 0,
      orders: [...b.orders.values()].filter((o) => o.symbol === root && o.status === 'WORKING'),
    }));
  }

  /** The account's state as a platform reports it: balance, open P&L at the marks, positions, fills, orders. */
  async state(ref: PaperAccountRef, fillsSince: Date | null): Promise<PlatformState> {
    const book = await this.book(ref, (b) => b);
    const marks = new Map((await this.ledger.marks()).map((m) => [m.symbol, m.price]));
    const fills = await this.ledger.fills(ref, fillsSince);
    return {
      balance: book.balance.toFixed(),
      openPnl: book.openPnl((s) => marks.get(s) ?? null).toFixed(),
      realizedPnl: book.realized.toFixed(),
      positions: [...book.positions.values()]
        .filter((p) => p.net !== 0)
        .map((p) => ({ symbol: p.symbol, netQuantity: p.net, averagePrice: p.average.toFixed() })),
      fills: fills.map((f) => ({
        fillId: f.id,
        orderId: f.orderId,
        clientOrderId: f.clientOrderId,
        symbol: f.symbol,
        side: f.side,
        quantity: f.quantity,
        price: f.price.toFixed(),
        filledAt: f.filledAt.toISOString(),
      })),
      workingOrders: [...book.orders.values()]
        .filter((o) => o.status === 'WORKING')
        .map((o) => ({
          orderId: o.id,
          clientOrderId: o.clientOrderId,
          symbol: o.symbol,
          side: o.side,
          quantity: o.quantity,
          type: o.type,
          stopPrice: o.type === 'STOP' ? o.price!.toFixed() : null,
          limitPrice: o.type === 'LIMIT' ? o.price!.toFixed() : null,
        })),
    };
  }

  accounts(connectionId: number): Promise<string[]> {
    return this.ledger.accounts(connectionId);
  }

  /** The operator's price: the root's new mark, and the fills of every working order it reaches. */
  postPrice(symbol: string, price: Decimal): Promise<PriceOutcome> {
    return this.observe(this.root(symbol), price, 'posted');
  }

  marks(): Promise<PaperMark[]> {
    return this.ledger.marks();
  }

  private async observe(root: string, price: Decimal, source: PaperMark['source']): Promise<PriceOutcome> {
    const mark = await this.ledger.setMark(root, price, source);
    const fills: PriceOutcome['fills'] = [];
    for (const key of await this.ledger.accountsWorking(root)) {
      const made = await this.ledger.withBook(key, notOpened, (b) => b.onPrice(root, price));
      fills.push(...made.map((fill) => ({ key, fill })));
    }
    return { mark, fills };
  }

  private book<T>(ref: PaperAccountRef, work: (book: PaperBook) => T): Promise<T> {
    return this.ledger.withBook(ref, () => this.openingBalance(ref.programId), work);
  }

  private async openingBalance(programId: number | null): Promise<Decimal> {
    const program = programId === null ? null : await this.programs.findProgram(programId);
    return new Decimal(program?.accountSize ?? PAPER_DEFAULT_BALANCE);
  }
}

/** An account with working orders has a book already. */
async function notOpened(): Promise<Decimal> {
  throw new Error('paper account has working orders but no book');
}

function decimalOrNull(value: number | undefined | null): Decimal | null {
  return value === undefined || value === null ? null : new Decimal(value);
}

import Decimal from 'decimal.js';
import { FakeFill, FakeLedger, FillInput, FillSide, rootOf } from './fake-ledger';
import { OrderFaults } from './order-faults';

/**
 * A loopback fake's market (issue 14): one controllable price per root (`MNQZ5`, `MNQ1!` and `MNQ` share
 * one), working limit/stop orders that fill when the price crosses them, one-cancels-other groups (a
 * bracket's legs), and the ledger the fills go to. Until a price is set for a root it sits at a default mark
 * and nothing is triggered, so orders placed without touching the market behave as before.
 *
 * Control routes (every fake, no auth, not logged, no faults), JSON bodies:
 *   POST /_fake/price {"symbol":"MNQ","price":"21000.25"}  → {root, price}; fills what the move crosses
 *   POST /_fake/duplicate-fills {"on":true}                → fills from now on are listed (and sent) twice
 *   POST /_fake/late-fills {"ms":1500}                     → fills from now on show up in listings ms late
 *   POST /_fake/reject-stop-leg, /_fake/reject-stop-order  → rejected stop legs and stop orders (order-faults.ts)
 */

/** Where a root sits before anyone sets its price (the ProjectX fake's catalog uses the same marks). */
export const DEFAULT_MARKS: Record<string, string> = {
  NQ: '18000',
  MNQ: '18000',
  ES: '5000',
  MES: '5000',
  YM: '40000',
  MYM: '40000',
  RTY: '2000',
  M2K: '2000',
  CL: '70',
  MCL: '70',
  GC: '2000',
  MGC: '2000',
  NQG: '3.5',
};

/** A working limit or stop order as the market watches it; the fake owns its status. */
export interface Trigger {
  orderId: string;
  symbol: string;
  side: FillSide;
  type: 'LIMIT' | 'STOP';
  level: Decimal;
  /**
   * A trailing stop's distance: each price set moves the level toward the market (a SELL stop up to price −
   * trail, a BUY stop down to price + trail), never back. Absent: the level stays where it was placed.
   */
  trail?: Decimal;
  /**
   * A stop moved once by a price (a break-even): given each price set, the level to move the stop to, or null.
   * The move only ever tightens the stop (a SELL stop up, a BUY stop down).
   */
  moveTo?: (price: Decimal) => Decimal | null;
  /** Orders sharing a group cancel each other when one fills (a bracket's legs). */
  oco: string | null;
  /** Still working at the fake (not cancelled, not suspended)? Inactive triggers are dropped. */
  active(): boolean;
  /** The fake fills the order at this price (booking it through `FakeMarket.fill`). */
  fill(price: Decimal): void;
  /** The fake cancels the order (its OCO sibling filled). */
  cancel(): void;
}

export type MarketEvent = { kind: 'fill'; fill: FakeFill } | { kind: 'price'; root: string; price: Decimal };

type Json = Record<string, unknown>;
interface Reply {
  status: number;
  body: unknown;
}

export interface MarketAccount {
  id: number | string;
  balance?: number | string;
}

export class FakeMarket {
  readonly ledger: FakeLedger;
  /** Stop legs and stop orders the order books are to reject (order-faults.ts). */
  readonly orderFaults = new OrderFaults();
  private prices = new Map<string, Decimal>();
  private triggers: Trigger[] = [];
  private readonly roots = new WeakMap<Trigger, string>();
  private sweeping = false;
  private duplicate = false;
  private lateMs = 0;
  private readonly listeners = new Set<(event: MarketEvent) => void>();

  constructor(accounts: MarketAccount[] = []) {
    const starting = new Map(accounts.map((a) => [String(a.id), String(a.balance ?? '50000')]));
    this.ledger = new FakeLedger((id) => starting.get(id) ?? '50000');
  }

  /** Forget prices, working triggers, fills and balances; duplicate/late fills off. */
  clear(): void {
    this.prices.clear();
    this.triggers = [];
    this.ledger.clear();
    this.duplicate = false;
    this.lateMs = 0;
    this.orderFaults.clear();
  }

  /** The root's price: the one set, else `fallback`, else its default mark (100 for an unknown root). */
  price(symbol: string, fallback?: Decimal): Decimal {
    const root = rootOf(symbol);
    return this.prices.get(root) ?? fallback ?? new Decimal(DEFAULT_MARKS[root] ?? '100');
  }
  /** A market order's fill price: the market's when set, else the order's own (a number), else the mark. */
  entryPrice(symbol: string, own: unknown): Decimal {
    if (this.hasPrice(symbol) || typeof own !== 'number') return this.price(symbol);
    return new Decimal(String(own));
  }
  hasPrice(symbol: string): boolean {
    return this.prices.has(rootOf(symbol));
  }

  setPrice(symbol: string, price: Decimal.Value): void {
    const root = rootOf(symbol);
    const value = new Decimal(price);
    this.prices.set(root, value);
    this.emit({ kind: 'price', root, price: value });
    this.trailStops(root, value);
    this.sweep();
  }

  setDuplicateFills(on: boolean): void {
    this.duplicate = on;
  }
  setLateFills(ms: number): void {
    this.lateMs = Math.max(0, ms);
  }

  /** Every fill and price move as it happens (a fill twice while duplicates are on): for the streams. */
  subscribe(listener: (event: MarketEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Books a fill in the ledger (duplicated / delayed as switched) and tells the listeners. */
  fill(input: FillInput): FakeFill {
    const fill = this.ledger.record(input, { copies: this.duplicate ? 2 : 1, delayMs: this.lateMs });
    for (let i = 0; i < fill.copies; i++) this.emit({ kind: 'fill', fill });
    return fill;
  }

  /** Open P&L of an account at the current prices. */
  openPnl(accountId: string): Decimal {
    return this.ledger.openPnl(accountId, (symbol) => this.price(symbol));
  }

  /** Watches a working order; fills it at once when a set price already crosses it. */
  watch(trigger: Trigger): void {
    this.triggers.push(trigger);
    // without a price for its root nothing can cross it (nor any other order: none crossed before it)
    if (this.hasPrice(trigger.symbol)) this.sweep();
  }

  /** The `/_fake/*` control routes; undefined for any other path. */
  control(path: string, body: Json | null): Reply | undefined {
    const name = /\/_fake\/([a-z-]+)$/i.exec(path)?.[1]?.toLowerCase();
    if (!name) return undefined;
    const fault = this.orderFaults.control(name, body);
    if (fault) return fault;
    if (name === 'price') {
      const symbol = typeof body?.symbol === 'string' ? body.symbol.trim() : '';
      const price = body?.price;
      const valid =
        (typeof price === 'string' || typeof price === 'number') && /^-?\d+(\.\d+)?$/.test(String(price));
      if (!symbol || !valid) return bad('symbol (text) and price (decimal text or number) are required');
      this.setPrice(symbol, String(price));
      return { status: 200, body: { root: rootOf(symbol), price: String(price) } };
    }
    if (name === 'duplicate-fills' && typeof body?.on === 'boolean') {
      this.setDuplicateFills(body.on);
      return { status: 200, body: { on: body.on } };
    }
    if (name === 'late-fills' && typeof body?.ms === 'number' && body.ms >= 0) {
      this.setLateFills(body.ms);
      return { status: 200, body: { ms: body.ms } };
    }
    return bad(`unknown control ${name} or bad body`);
  }

  /** Moves the trailing stops of the root toward a new price, and break-even stops it reached (never back). */
  private trailStops(root: string, price: Decimal): void {
    const tighter = (t: Trigger, to: Decimal) =>
      t.side === 'SELL' ? Decimal.max(t.level, to) : Decimal.min(t.level, to);
    for (const t of this.triggers) {
      if (this.rootOfTrigger(t) !== root || !t.active()) continue;
      if (t.trail) t.level = tighter(t, t.side === 'SELL' ? price.minus(t.trail) : price.plus(t.trail));
      const to = t.moveTo?.(price);
      if (to) t.level = tighter(t, to);
    }
  }

  /** Fills every active trigger a set price crosses, cancelling OCO siblings, until nothing more fills. */
  private sweep(): void {
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      for (let hit = this.nextHit(); hit; hit = this.nextHit()) {
        const { trigger, price } = hit;
        this.triggers = this.triggers.filter((t) => t !== trigger);
        trigger.fill(trigger.type === 'LIMIT' ? trigger.level : price);
        this.cancelSiblings(trigger);
      }
    } finally {
      this.sweeping = false;
    }
  }

  private nextHit(): { trigger: Trigger; price: Decimal } | undefined {
    this.triggers = this.triggers.filter((t) => t.active());
    if (this.prices.size === 0) return undefined;
    for (const t of this.triggers) {
      const price = this.prices.get(this.rootOfTrigger(t));
      if (price === undefined) continue;
      const above = price.gte(t.level);
      const below = price.lte(t.level);
      const crossed =
        t.type === 'LIMIT' ? (t.side === 'BUY' ? below : above) : t.side === 'BUY' ? above : below;
      if (crossed) return { trigger: t, price };
    }
    return undefined;
  }

  /** A trigger's root, worked out once (sweeps look at every working trigger). */
  private rootOfTrigger(t: Trigger): string {
    let root = this.roots.get(t);
    if (root === undefined) {
      root = rootOf(t.symbol);
      this.roots.set(t, root);
    }
    return root;
  }

  private cancelSiblings(filled: Trigger): void {
    if (filled.oco === null) return;
    for (const t of this.triggers.filter((x) => x.oco === filled.oco && x.active())) t.cancel();
    this.triggers = this.triggers.filter((t) => t.oco !== filled.oco);
  }

  private emit(event: MarketEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

function bad(message: string): Reply {
  return { status: 400, body: { error: 'BAD_CONTROL', message } };
}

import Decimal from 'decimal.js';
import type { FakeMarket } from './fake-market';
import { FakeOrderRecord, FakePositions } from './fake-platform';
import { Json, now, ok, Reply } from './http-fake';

type Side = 'BUY' | 'SELL';

/** The generic REST fake's orders and net positions, and the shapes it answers them in. */
export class RestOrderBook {
  private orderList: FakeOrderRecord[] = [];
  private byKey = new Map<string, FakeOrderRecord>();
  /** Indexes over `orderList` (lookups by id and client order id ran over every order). */
  private byId = new Map<string, FakeOrderRecord>();
  private byClient = new Map<string | null, FakeOrderRecord[]>();
  private readonly net = new FakePositions();
  private nextId = 1000;

  constructor(private readonly market: FakeMarket) {}

  /** Orders of one account (every account when null) whose status is `status` (case-insensitive). */
  byStatus(status: string, accountId: string | null): Json[] {
    return this.orderList
      .filter((o) => o.status === status.toUpperCase() && (accountId === null || o.accountId === accountId))
      .map(view);
  }

  orders(): FakeOrderRecord[] {
    return this.orderList.map((o) => ({ ...o, bracketIds: [...o.bracketIds] }));
  }
  positions(): Record<string, number> {
    return this.net.summed();
  }
  accountPositions(): Record<string, Record<string, number>> {
    return this.net.byAccount();
  }
  /** Forget orders and positions (ids keep counting up). */
  clear(): void {
    this.orderList = [];
    this.byId.clear();
    this.byClient.clear();
    this.byKey.clear();
    this.net.clear();
  }
  find(id: string | undefined): FakeOrderRecord | undefined {
    return id === undefined ? undefined : this.byId.get(id);
  }
  /** Orders with this client order id, of one account when `accountId` is given. */
  byClientId(clientId: string | null, accountId: string | null): Json[] {
    return (this.byClient.get(clientId) ?? [])
      .filter((o) => o.clientOrderId === clientId && (accountId === null || o.accountId === accountId))
      .map(view);
  }

  cancel(order: FakeOrderRecord): Reply {
    if (order.status !== 'WORKING')
      return error(409, 'NOT_CANCELLABLE', `order ${order.id} is ${order.status}`);
    order.status = 'CANCELLED';
    return ok(view(order));
  }

  create(key: string | string[] | undefined, body: Json | null): Reply {
    const seen = typeof key === 'string' ? this.byKey.get(key) : undefined;
    if (seen) return { status: 200, body: view(seen), headers: { 'idempotent-replayed': 'true' } };
    const problems = body ? validate(body) : ['body must be a JSON object'];
    if (!body || problems.length > 0) return error(400, 'INVALID_ORDER', problems.join('; '));
    if (body.order_type === 'STOP' && this.market.orderFaults.take('stop-order'))
      return error(422, 'REJECTED', 'Stop order rejected (fault: reject-stop-order)');
    const side = body.side as Side;
    const symbol = String(body.symbol).toUpperCase();
    const quantity = this.reducible(body, symbol, side);
    if (quantity === 0) return error(422, 'NO_POSITION', `no ${symbol} position to reduce`);
    const type = String(body.order_type);
    const order = this.record(symbol, side, quantity, type, body, typeof key === 'string' ? key : null);
    const exitSide = side === 'BUY' ? 'SELL' : 'BUY';
    if (body.stop_loss !== undefined) {
      const leg = this.child(order, exitSide, 'STOP', body.stop_loss);
      if (this.market.orderFaults.take('stop-leg')) this.find(leg)!.status = 'REJECTED';
      order.bracketIds.push(leg);
    }
    if (body.take_profit !== undefined) {
      order.bracketIds.push(this.child(order, exitSide, 'LIMIT', body.take_profit));
    }
    if (type === 'MARKET') this.fill(order, this.market.entryPrice(symbol, body.entry_price));
    else this.work(order, body.entry_price);
    if (typeof key === 'string') this.byKey.set(key, order);
    return { status: 201, body: view(order) };
  }

  /** The quantity to fill: a reduce-only order at most the open position on the other side (0: none). */
  private reducible(body: Json, symbol: string, side: Side): number {
    const quantity = Number(body.quantity);
    if (body.reduce_only !== true) return quantity;
    const open = this.net.get(accountOf(body) ?? '', symbol);
    return Math.min(quantity, side === 'SELL' ? Math.max(open, 0) : Math.max(-open, 0));
  }

  private record(
    symbol: string,
    side: Side,
    quantity: number,
    type: string,
    body: Json,
    clientOrderId: string | null,
  ): FakeOrderRecord {
    const order: FakeOrderRecord = {
      id: `ORD-${this.nextId++}`,
      accountId: accountOf(body),
      accountSpec: null,
      clientOrderId:
        clientOrderId ?? (typeof body.client_order_id === 'string' ? body.client_order_id : null),
      symbol,
      side,
      quantity,
      type,
      status: 'WORKING',
      bracketIds: [],
      body,
      receivedAt: now(),
    };
    this.orderList.push(order);
    this.byId.set(order.id, order);
    const same = this.byClient.get(order.clientOrderId);
    if (same) same.push(order);
    else this.byClient.set(order.clientOrderId, [order]);
    return order;
  }

  /** A bracket child (the other side, parent's quantity); its id. */
  private child(parent: FakeOrderRecord, side: Side, type: string, price: unknown): string {
    const body = { parent_order_id: parent.id, price, account_id: parent.accountId ?? undefined };
    return this.record(parent.symbol, side, parent.quantity, type, body, null).id;
  }

  /** A WORKING LIMIT/STOP at `level`: the market fills it when its price crosses (brackets one-cancels-other). */
  private work(order: FakeOrderRecord, level: unknown, oco: string | null = null): void {
    if (typeof level !== 'number') return;
    this.market.watch({
      orderId: order.id,
      symbol: order.symbol,
      side: order.side,
      type: order.type === 'LIMIT' ? 'LIMIT' : 'STOP',
      level: new Decimal(String(level)),
      oco,
      active: () => order.status === 'WORKING',
      fill: (price) => this.fill(order, price),
      cancel: () => {
        order.status = 'CANCELLED';
      },
    });
  }

  /**
   * Fills the order (position, ledger); an entry's brackets then start working at the market. A reduce-only
   * order fills at most what is open the other way when it fills; with nothing open it is cancelled.
   */
  private fill(order: FakeOrderRecord, price: Decimal): void {
    if ((order.body as Json).reduce_only === true) {
      order.quantity = Math.min(order.quantity, this.reducible(order.body as Json, order.symbol, order.side));
      if (order.quantity === 0) {
        order.status = 'CANCELLED';
        return;
      }
    }
    order.status = 'FILLED';
    const signed = order.side === 'BUY' ? order.quantity : -order.quantity;
    this.net.add(order.accountId ?? '', order.symbol, signed);
    const { id, accountId, symbol, side, quantity, clientOrderId } = order;
    this.market.fill({
      accountId: accountId ?? '',
      symbol,
      side,
      quantity,
      price,
      orderId: id,
      clientOrderId,
    });
    const legs = order.bracketIds.map((legId) => this.find(legId)).filter((o) => o !== undefined);
    const oco = legs.length > 1 ? `oco-${order.id}` : null;
    for (const leg of legs) this.work(leg, (leg.body as Json).price, oco);
  }
}

/** The body's `account_id` (a string or a number), or null when the order names no account. */
function accountOf(body: Json): string | null {
  const id = body.account_id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
}

export function view(o: FakeOrderRecord): Json {
  const body = (o.body ?? {}) as Json;
  return {
    order_id: o.id,
    account_id: o.accountId,
    client_order_id: o.clientOrderId,
    symbol: o.symbol,
    side: o.side,
    quantity: o.quantity,
    order_type: o.type,
    status: o.status,
    bracket_order_ids: o.bracketIds,
    parent_order_id: body.parent_order_id ?? null,
    entry_price: body.entry_price ?? body.price ?? null,
    price: o.type === 'MARKET' ? null : (body.entry_price ?? body.price ?? null),
    stop_loss: body.stop_loss ?? null,
    take_profit: body.take_profit ?? null,
  };
}

export function error(status: number, code: string, message: string): Reply {
  return { status, body: { error: code, message } };
}

function validate(b: Json): string[] {
  const problems: string[] = [];
  if (typeof b.symbol !== 'string' || !b.symbol.trim()) problems.push('symbol is required');
  if (b.side !== 'BUY' && b.side !== 'SELL') problems.push('side must be BUY or SELL');
  if (typeof b.quantity !== 'number' || !(b.quantity > 0)) problems.push('quantity must be a number > 0');
  if (!['MARKET', 'LIMIT', 'STOP'].includes(String(b.order_type))) {
    problems.push('order_type must be MARKET, LIMIT or STOP');
  }
  return problems;
}

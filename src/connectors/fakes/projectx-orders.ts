import type { FakeAccount, FakeOrderRecord } from './fake-platform';
import type { Json, Reply } from './http-fake';
import {
  answer,
  catalog,
  Contract,
  invalidOrder,
  PxOrder,
  STATUS,
  STATUS_NAME,
  TYPE_NAME,
  view,
} from './projectx-shapes';

interface Position {
  accountId: number;
  contractId: string;
  size: number;
  average: number;
  created: string;
}

/**
 * The ProjectX fake's contracts, orders and positions. customTag is unique per account; market orders fill at
 * once at the contract's mark and open their brackets (Stop/Limit, the other side), whose ticks are signed
 * as this fake reads the platform: long stop < 0 < long target, reversed for a short.
 */
export class ProjectXOrderBook {
  private readonly contracts = catalog();
  private orderMap = new Map<number, PxOrder>();
  /** Keyed `accountId|contractId`. */
  private net = new Map<string, Position>();
  private nextId = 9001;

  /** Forget orders and positions (ids keep counting up). */
  clear(): void {
    this.orderMap.clear();
    this.net.clear();
  }

  orders(): FakeOrderRecord[] {
    return [...this.orderMap.values()].map((o) => ({ ...o.record, bracketIds: [...o.record.bracketIds] }));
  }
  positions(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const p of this.net.values())
      out[this.nameOf(p.contractId)] = (out[this.nameOf(p.contractId)] ?? 0) + p.size;
    return out;
  }
  accountPositions(): Record<string, Record<string, number>> {
    const out: Record<string, Record<string, number>> = {};
    for (const p of this.net.values()) (out[String(p.accountId)] ??= {})[this.nameOf(p.contractId)] = p.size;
    return out;
  }
  /** /api/Account/search: the login's accounts. */
  accountList(accounts: FakeAccount[]): Json[] {
    return accounts.map((a) => ({
      id: Number(a.id),
      name: a.name,
      balance: 50000,
      canTrade: true,
      isVisible: true,
      simulated: true,
    }));
  }
  private nameOf(contractId: string): string {
    return this.contracts.find((c) => c.id === contractId)?.name ?? contractId;
  }

  /** /api/Contract/search: contracts whose name, description or symbol contain the text (mark hidden). */
  search(text: string): Json[] {
    const t = text.toUpperCase();
    return this.contracts
      .filter((c) => [c.name, c.description, c.symbolId].some((f) => f.toUpperCase().includes(t)))
      .map(({ mark: _mark, ...visible }) => visible);
  }

  /** /api/Order/search: the account's orders from `startTimestamp` (to `endTimestamp` when given). */
  searchOrders(accountId: number, b: Json): Json[] {
    const from = Date.parse(String(b.startTimestamp));
    const to = b.endTimestamp ? Date.parse(String(b.endTimestamp)) : Infinity;
    return this.accountOrders(accountId)
      .filter((o) => Date.parse(o.created) >= from && Date.parse(o.created) <= to)
      .map(view);
  }

  /** /api/Order/searchOpen. */
  openOrders(accountId: number): Json[] {
    return this.accountOrders(accountId)
      .filter((o) => o.status === STATUS.Open)
      .map(view);
  }

  place(b: Json, at: number): Reply {
    const contract = this.contracts.find((c) => c.id === b.contractId);
    const problem = contract ? invalidOrder(b) : `Contract ${String(b.contractId)} not found`;
    if (problem || !contract) return answer({ orderId: null }, 2, problem);
    const tag = typeof b.customTag === 'string' ? b.customTag : null;
    if (tag && this.accountOrders(Number(b.accountId)).some((o) => o.customTag === tag)) {
      return answer({ orderId: null }, 2, `An order with custom tag ${tag} already exists on this account`);
    }
    const entry = this.record(b, contract, at, tag);
    if (entry.type === 2) {
      this.fill(entry, contract.mark);
      this.openBrackets(b, entry, contract, at);
    }
    return answer({ orderId: entry.id });
  }

  private openBrackets(b: Json, entry: PxOrder, contract: Contract, at: number): void {
    const brackets = [
      [b.stopLossBracket, 4],
      [b.takeProfitBracket, 1],
    ] as const;
    for (const [bracket, type] of brackets) {
      if (!bracket) continue;
      const level = contract.mark + Number((bracket as Json).ticks) * contract.tickSize;
      const price = type === 4 ? { stopPrice: level } : { limitPrice: level };
      const body = { accountId: b.accountId, type, side: 1 - Number(b.side), size: b.size, ...price };
      entry.record.bracketIds.push(this.record(body, contract, at, null).record.id);
    }
  }

  cancel(accountId: number, orderId: number): Reply {
    const order = this.orderMap.get(orderId);
    if (!order || order.accountId !== accountId) return answer({}, 1, `Order ${orderId} not found`);
    if (order.status !== STATUS.Open) return answer({}, 2, `Order ${orderId} is not open`);
    this.setStatus(order, STATUS.Cancelled);
    return answer({});
  }

  /** /api/Position/closeContract, and partialCloseContract with `size`. */
  flatten(accountId: number, contractId: string, size: unknown, at: number): Reply {
    const position = this.net.get(`${accountId}|${contractId}`);
    const contract = this.contracts.find((c) => c.id === contractId);
    if (!position || position.accountId !== accountId || position.size === 0 || !contract) {
      return answer({}, 2, 'No open position for this contract');
    }
    const quantity = size === undefined ? Math.abs(position.size) : Number(size);
    if (!Number.isInteger(quantity) || quantity <= 0 || quantity > Math.abs(position.size)) {
      return answer({}, 2, `Cannot close ${String(size)} of ${Math.abs(position.size)}`);
    }
    const side = position.size > 0 ? 1 : 0;
    this.fill(this.record({ accountId, type: 2, side, size: quantity }, contract, at, null), contract.mark);
    return answer({});
  }

  /** /api/Position/searchOpen: type 1 long, 2 short. */
  positionList(accountId: number): Json[] {
    return [...this.net.values()]
      .filter((p) => p.accountId === accountId && p.size !== 0)
      .map((p, i) => ({
        id: i + 1,
        accountId,
        contractId: p.contractId,
        creationTimestamp: p.created,
        type: p.size > 0 ? 1 : 2,
        size: Math.abs(p.size),
        averagePrice: p.average,
      }));
  }

  private record(b: Json, contract: Contract, at: number, customTag: string | null): PxOrder {
    const id = this.nextId++;
    const [side, type] = [Number(b.side), Number(b.type)];
    const record: FakeOrderRecord = {
      id: String(id),
      accountId: String(b.accountId),
      accountSpec: null,
      clientOrderId: customTag,
      symbol: contract.name,
      side: side === 0 ? 'BUY' : 'SELL',
      quantity: Number(b.size),
      type: TYPE_NAME[type] ?? String(type),
      status: STATUS_NAME[STATUS.Open],
      bracketIds: [],
      body: b,
      receivedAt: at,
    };
    const price = (v: unknown) => (typeof v === 'number' ? v : null);
    const order: PxOrder = {
      id,
      accountId: Number(b.accountId),
      contract,
      created: new Date().toISOString(),
      status: STATUS.Open,
      type,
      side,
      limitPrice: price(b.limitPrice),
      stopPrice: price(b.stopPrice),
      customTag,
      record,
    };
    this.orderMap.set(id, order);
    return order;
  }

  private setStatus(order: PxOrder, status: number): void {
    order.status = status;
    order.record.status = STATUS_NAME[status];
  }

  private fill(order: PxOrder, price: number): void {
    this.setStatus(order, STATUS.Filled);
    const signed = order.side === 0 ? order.record.quantity : -order.record.quantity;
    const key = `${order.accountId}|${order.contract.id}`;
    const before = this.net.get(key);
    const size = (before?.size ?? 0) + signed;
    const created = before && before.size !== 0 ? before.created : new Date().toISOString();
    const contractId = order.contract.id;
    this.net.set(key, { accountId: order.accountId, contractId, size, average: price, created });
  }

  private accountOrders(accountId: number): PxOrder[] {
    return [...this.orderMap.values()].filter((o) => o.accountId === accountId);
  }
}

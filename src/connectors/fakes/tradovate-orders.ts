import { FakeAccount, FakeOrderRecord, FakePositions } from './fake-platform';
import { Json, ok, Reply } from './http-fake';
import { TradovateContracts } from './tradovate-contracts';
import { Command, invalidOrder, TvOrder, view } from './tradovate-shapes';

const WORKING = new Set(['Working', 'Suspended']);
type Action = 'Buy' | 'Sell';

/**
 * The Tradovate fake's orders, commands, positions and contracts. Market orders fill at once, Limit/Stop
 * work; OSO brackets (parentId = the entry, one ocoId) work once the entry filled and are Suspended until then.
 */
export class TradovateOrderBook {
  private orderMap = new Map<number, TvOrder>();
  private commands: Command[] = [];
  /** Net position per account and contract name. */
  private readonly net = new FakePositions();
  private readonly contracts = new TradovateContracts();
  private nextId = 5001;

  /** `accounts`: the login's accounts (`/account/list`); orders to others are refused. None: any account. */
  constructor(private readonly accounts: FakeAccount[] = []) {}

  /** Forget orders, commands and positions (contracts and ids stay). */
  clear(): void {
    this.orderMap.clear();
    this.commands = [];
    this.net.clear();
  }

  orders(): FakeOrderRecord[] {
    return [...this.orderMap.values()].map((o) => ({ ...o.record, bracketIds: [...o.record.bracketIds] }));
  }
  positions(): Record<string, number> {
    return this.net.summed();
  }
  accountPositions(): Record<string, Record<string, number>> {
    return this.net.byAccount();
  }

  /** The GET routes (other than the token renewal). */
  read(path: string, q: URLSearchParams): Reply | undefined {
    const orders = [...this.orderMap.values()];
    switch (path) {
      case '/order/item': {
        const order = this.orderMap.get(Number(q.get('id')));
        return order ? ok(view(order)) : { status: 404, body: { errorText: 'Order not found' } };
      }
      case '/account/list':
        return ok(this.accounts.map((a) => ({ id: Number(a.id), name: a.name, userId: 7, active: true })));
      case '/order/list':
        return ok(orders.map(view));
      case '/order/deps':
        return ok(orders.filter((o) => o.accountId === Number(q.get('masterid'))).map(view));
      case '/command/list':
        return ok(this.commands);
      case '/position/list':
        return ok(this.positionList());
      case '/contract/suggest':
        return this.contracts.suggest((q.get('t') ?? '').toUpperCase(), Number(q.get('l') ?? 10));
      case '/contract/find':
        return this.contracts.find((q.get('name') ?? '').toUpperCase());
      default:
        return undefined;
    }
  }

  /** /order/placeorder and /order/placeoso. */
  place(body: Json, oso: boolean, at: number): Reply {
    const problem = invalidOrder(body, oso) ?? this.unknownAccount(body);
    if (problem) return ok({ failureReason: 'UnknownReason', failureText: problem });
    const name = String(body.symbol).toUpperCase();
    const entry = this.record(body, name, Number(body.accountId), body.action as Action, at, null);
    this.newCommand(entry, typeof body.clOrdId === 'string' ? body.clOrdId : null);
    if (body.orderType === 'Market') this.fill(entry);
    if (!oso) return ok({ orderId: entry.id });
    const children = this.brackets(body, entry, at);
    return ok({
      orderId: entry.id,
      oso1Id: children[0]?.id,
      ...(children[1] ? { oso2Id: children[1].id } : {}),
    });
  }

  /** With configured accounts, an order must name one of them (id and spec). */
  private unknownAccount(body: Json): string | undefined {
    if (this.accounts.length === 0) return undefined;
    const known = this.accounts.some((a) => Number(a.id) === body.accountId && a.name === body.accountSpec);
    return known ? undefined : `Account ${String(body.accountId)} (${String(body.accountSpec)}) is not yours`;
  }

  private brackets(body: Json, entry: TvOrder, at: number): TvOrder[] {
    const brackets = [body.bracket1, body.bracket2].filter((b): b is Json => !!b && typeof b === 'object');
    const ocoId = brackets.length > 1 ? this.nextId++ : null;
    return brackets.map((b) => {
      const childBody = { ...b, orderQty: body.orderQty, parentId: entry.id };
      const child = this.record(
        childBody,
        entry.record.symbol,
        entry.accountId,
        b.action as Action,
        at,
        entry.id,
      );
      child.ocoId = ocoId;
      child.record.status = entry.record.status === 'Filled' ? 'Working' : 'Suspended';
      entry.record.bracketIds.push(child.record.id);
      return child;
    });
  }

  cancel(orderId: number): Reply {
    const order = this.orderMap.get(orderId);
    if (!order) return ok({ failureReason: 'UnknownReason', failureText: `Order ${orderId} not found` });
    if (!WORKING.has(order.record.status)) {
      return ok({ failureReason: 'TooLate', failureText: `Order ${orderId} is ${order.record.status}` });
    }
    order.record.status = 'Canceled';
    const command = this.newCommand(order, null, 'Cancel');
    return ok({ commandId: command.id });
  }

  /** Cancels the contract's working orders, then flattens it with a Market order. */
  liquidate(body: Json, at: number): Reply {
    const accountId = Number(body.accountId);
    const contractId = Number(body.contractId);
    const name = this.contracts.nameOf(contractId);
    if (!name) return ok({ failureReason: 'InvalidContract', failureText: 'Unknown contractId' });
    for (const o of this.orderMap.values()) {
      const working =
        o.accountId === accountId && o.contractId === contractId && WORKING.has(o.record.status);
      if (working) o.record.status = 'Canceled';
    }
    const netPos = this.net.get(String(accountId), name);
    if (netPos === 0) return ok({ failureReason: 'UnknownReason', failureText: 'No position to liquidate' });
    const action: Action = netPos > 0 ? 'Sell' : 'Buy';
    const flat = { accountId, action, symbol: name, orderQty: Math.abs(netPos), orderType: 'Market' };
    const order = this.record(flat, name, accountId, action, at, null);
    this.newCommand(order, null);
    this.fill(order);
    return ok({ orderId: order.id });
  }

  private record(
    body: Json,
    name: string,
    accountId: number,
    action: Action,
    at: number,
    parentId: number | null,
  ): TvOrder {
    const id = this.nextId++;
    const record: FakeOrderRecord = {
      id: String(id),
      accountId: String(accountId),
      accountSpec: typeof body.accountSpec === 'string' ? body.accountSpec : null,
      clientOrderId: parentId === null && typeof body.clOrdId === 'string' ? body.clOrdId : null,
      symbol: name,
      side: action === 'Buy' ? 'BUY' : 'SELL',
      quantity: Number(body.orderQty),
      type: String(body.orderType),
      status: 'Working',
      bracketIds: [],
      body,
      receivedAt: at,
    };
    const timestamp = new Date().toISOString();
    const order: TvOrder = {
      id,
      accountId,
      contractId: this.contracts.id(name),
      action,
      timestamp,
      parentId,
      ocoId: null,
      record,
    };
    this.orderMap.set(id, order);
    return order;
  }

  private newCommand(
    order: TvOrder,
    clOrdId: string | null,
    commandType: Command['commandType'] = 'New',
  ): Command {
    const timestamp = new Date().toISOString();
    const command = {
      id: this.nextId++,
      orderId: order.id,
      timestamp,
      clOrdId,
      commandType,
      commandStatus: 'RiskPassed',
    };
    this.commands.push(command);
    return command;
  }

  private fill(order: TvOrder): void {
    order.record.status = 'Filled';
    const signed = order.action === 'Buy' ? order.record.quantity : -order.record.quantity;
    this.net.add(String(order.accountId), order.record.symbol, signed);
  }

  private positionList(): Json[] {
    return this.net.entries().map(([accountId, name, netPos], i) => {
      const contractId = this.contracts.id(name);
      const timestamp = new Date().toISOString();
      return { id: i + 1, accountId: Number(accountId), contractId, netPos, timestamp };
    });
  }
}

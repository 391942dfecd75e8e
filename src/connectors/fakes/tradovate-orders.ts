import Decimal from 'decimal.js';
import type { FakeMarket } from './fake-market';
import { TvOrderIndex } from './tradovate-order-index';
import { FakeAccount, FakeOrderRecord, FakePositions } from './fake-platform';
import { Json, ok, Reply } from './http-fake';
import { TradovateContracts } from './tradovate-contracts';
import { BookState, TradovateReads } from './tradovate-reads';
import {
  Command,
  invalidOrder,
  newTvOrder,
  refuseModify,
  TvOrder,
  unknownAccount,
  WORKING,
  workingTrigger,
} from './tradovate-shapes';

type Action = 'Buy' | 'Sell';

/**
 * The Tradovate fake's orders, commands, positions and contracts. Market orders fill at once at the market's
 * price (the order's own price, else the default mark, while none is set); Limit/Stop work until the price
 * crosses them; OSO brackets (parentId = the entry, one ocoId) work once the entry filled and are Suspended
 * until then; when one leg fills the other is cancelled. A stop leg rejected by the `reject-stop-leg` fault
 * stays Rejected (order-faults.ts).
 */
export class TradovateOrderBook {
  /** The orders, indexed; what the user sync compares (tradovate-sync.ts). */
  readonly index = new TvOrderIndex();
  private commands: Command[] = [];
  /** Net position per account and contract name. */
  private readonly net = new FakePositions();
  readonly contracts = new TradovateContracts();
  readonly reads: TradovateReads;
  private nextId = 5001;

  /** `accounts`: the login's accounts (`/account/list`); orders to others are refused. None: any account. */
  constructor(
    private readonly accounts: FakeAccount[],
    private readonly market: FakeMarket,
  ) {
    this.reads = new TradovateReads(market, this.contracts, accounts);
  }

  /** Forget orders, commands and positions (contracts and ids stay). */
  clear(): void {
    this.index.clear();
    this.commands = [];
    this.net.clear();
  }

  orders(): FakeOrderRecord[] {
    return [...this.index.all()].map((o) => ({ ...o.record, bracketIds: [...o.record.bracketIds] }));
  }
  positions(): Record<string, number> {
    return this.net.summed();
  }
  accountPositions(): Record<string, Record<string, number>> {
    return this.net.byAccount();
  }

  /** The GET routes (other than the token renewal). */
  read(path: string, q: URLSearchParams): Reply | undefined {
    return this.reads.read(path, q, this.state());
  }

  /** Orders, commands and net positions, for the reads and the user stream. */
  state(): BookState {
    return { orders: [...this.index.all()], commands: this.commands, net: this.net.entries() };
  }

  /** The account an order was placed for; null for an unknown order. */
  accountOf(orderId: number): number | null {
    return this.index.get(orderId)?.accountId ?? null;
  }

  /** /order/placeorder and /order/placeoso. */
  place(body: Json, oso: boolean, at: number): Reply {
    const problem = invalidOrder(body, oso) ?? unknownAccount(this.accounts, body);
    if (problem) return ok({ failureReason: 'UnknownReason', failureText: problem });
    if (!oso && body.orderType === 'Stop' && this.market.orderFaults.take('stop-order'))
      return ok({
        failureReason: 'RiskRejected',
        failureText: 'Stop order rejected (fault: reject-stop-order)',
      });
    const name = String(body.symbol).toUpperCase();
    const entry = this.record(body, name, Number(body.accountId), body.action as Action, at, null);
    this.newCommand(entry, typeof body.clOrdId === 'string' ? body.clOrdId : null);
    const children = oso ? this.brackets(body, entry, at) : [];
    if (body.orderType === 'Market') this.fill(entry, this.market.entryPrice(name, body.price));
    else this.work(entry);
    if (!oso) return ok({ orderId: entry.id });
    return ok({
      orderId: entry.id,
      oso1Id: children[0]?.id,
      ...(children[1] ? { oso2Id: children[1].id } : {}),
    });
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
      const stopLeg = b.orderType === 'Stop' || b.orderType === 'TrailingStop';
      const rejected = stopLeg && this.market.orderFaults.take('stop-leg');
      child.record.status = rejected ? 'Rejected' : 'Suspended';
      this.index.touch(child);
      entry.record.bracketIds.push(child.record.id);
      return child;
    });
  }

  cancel(orderId: number): Reply {
    const order = this.index.get(orderId);
    if (!order) return ok({ failureReason: 'UnknownReason', failureText: `Order ${orderId} not found` });
    if (!WORKING.has(order.record.status)) {
      return ok({ failureReason: 'TooLate', failureText: `Order ${orderId} is ${order.record.status}` });
    }
    order.record.status = 'Canceled';
    this.index.touch(order);
    const command = this.newCommand(order, null, 'Cancel');
    return ok({ commandId: command.id });
  }

  /**
   * /order/modifyorder {orderId, orderQty, orderType, price?, stopPrice?, pegDifference?}: a working (or
   * suspended) order's quantity changes, and so does what its fill books (this fake modifies quantities only).
   */
  modify(body: Json): Reply {
    const order = this.index.get(Number(body.orderId));
    const refused = refuseModify(body, order);
    if (refused || !order) return ok(refused ?? {});
    order.record.quantity = Number(body.orderQty);
    order.record.body = { ...(order.record.body as Json), orderQty: order.record.quantity };
    this.index.touch(order);
    return ok({ commandId: this.newCommand(order, null, 'Modify').id });
  }

  /** Cancels the contract's working orders, then flattens it with a Market order. */
  liquidate(body: Json, at: number): Reply {
    const accountId = Number(body.accountId);
    const contractId = Number(body.contractId);
    const name = this.contracts.nameOf(contractId);
    if (!name) return ok({ failureReason: 'InvalidContract', failureText: 'Unknown contractId' });
    for (const o of this.index.all()) {
      const working =
        o.accountId === accountId && o.contractId === contractId && WORKING.has(o.record.status);
      if (!working) continue;
      o.record.status = 'Canceled';
      this.index.touch(o);
    }
    const netPos = this.net.get(String(accountId), name);
    if (netPos === 0) return ok({ failureReason: 'UnknownReason', failureText: 'No position to liquidate' });
    const action: Action = netPos > 0 ? 'Sell' : 'Buy';
    const flat = { accountId, action, symbol: name, orderQty: Math.abs(netPos), orderType: 'Market' };
    const order = this.record(flat, name, accountId, action, at, null);
    this.newCommand(order, null);
    this.fill(order, this.market.price(name));
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
    const where = { id: this.nextId++, accountId, contractId: this.contracts.id(name), parentId };
    const order = newTvOrder(body, name, action, at, where);
    this.index.add(order);
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

  /** A working Limit/Stop: the market fills it when its price crosses (OCO with its bracket sibling). */
  private work(order: TvOrder): void {
    const trigger = workingTrigger(
      order,
      (price) => this.fill(order, price),
      () => this.index.touch(order),
    );
    if (trigger) this.market.watch(trigger);
  }

  /** Fills the order (position, ledger), then puts its Suspended brackets to work. */
  private fill(order: TvOrder, price: Decimal): void {
    order.record.status = 'Filled';
    this.index.touch(order);
    const signed = order.action === 'Buy' ? order.record.quantity : -order.record.quantity;
    this.net.add(String(order.accountId), order.record.symbol, signed);
    const { accountId, symbol, side, quantity, clientOrderId } = order.record;
    this.market.fill({
      accountId: accountId ?? '',
      symbol,
      side,
      quantity,
      price,
      orderId: order.record.id,
      clientOrderId,
    });
    for (const child of this.index.legsOf(order.id)) {
      if (child.record.status !== 'Suspended') continue;
      child.record.status = 'Working';
      this.index.touch(child);
      this.work(child);
    }
  }
}

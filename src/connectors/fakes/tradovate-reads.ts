import type { FakeMarket } from './fake-market';
import type { FakeAccount } from './fake-platform';
import { Json, ok, Reply } from './http-fake';
import type { TradovateContracts } from './tradovate-contracts';
import { Command, fillView, TvOrder, version, view } from './tradovate-shapes';

/** What the order book holds, for the reads. */
export interface BookState {
  orders: TvOrder[];
  commands: Command[];
  /** [account, contract name, net] for every contract ever traded. */
  net: [string, string, number][];
}

/**
 * The Tradovate fake's account-state reads (partner.tradovate.com shapes): accounts, cash balance snapshot,
 * positions with netPrice, fills, order versions (quantity, type, prices of each order), contracts by id.
 */
export class TradovateReads {
  constructor(
    private readonly market: FakeMarket,
    private readonly contracts: TradovateContracts,
    private readonly accounts: FakeAccount[],
  ) {}

  read(path: string, q: URLSearchParams, state: BookState): Reply | undefined {
    const { orders } = state;
    switch (path) {
      case '/order/item': {
        const order = orders.find((o) => o.id === Number(q.get('id')));
        return order ? ok(view(order)) : { status: 404, body: { errorText: 'Order not found' } };
      }
      case '/order/list':
        return ok(orders.map(view));
      case '/order/deps':
        return ok(orders.filter((o) => o.accountId === Number(q.get('masterid'))).map(view));
      case '/command/list':
        return ok(state.commands);
      case '/position/list':
        return ok(this.positionList(state.net));
      case '/account/list':
        return ok(this.accounts.map((a) => ({ id: Number(a.id), name: a.name, userId: 7, active: true })));
      case '/fill/list':
        return ok(this.market.ledger.fills(null).map((f) => fillView(f, this.contracts.id(f.symbol))));
      case '/orderversion/list':
        return ok(orders.map(version));
      case '/orderversion/deps':
        return ok(orders.filter((o) => o.id === Number(q.get('masterid'))).map(version));
      case '/contract/item':
        return this.contracts.item(Number(q.get('id')));
      case '/contract/suggest':
        return this.contracts.suggest((q.get('t') ?? '').toUpperCase(), Number(q.get('l') ?? 10));
      case '/contract/find':
        return this.contracts.find((q.get('name') ?? '').toUpperCase());
      default:
        return undefined;
    }
  }

  /** {id, accountId, contractId, netPos, netPrice, timestamp} per account and contract ever traded. */
  private positionList(entries: [string, string, number][]): Json[] {
    return entries.map(([accountId, name, netPos], i) => {
      const average = this.market.ledger.position(accountId, name)?.average;
      return {
        id: i + 1,
        accountId: Number(accountId),
        contractId: this.contracts.id(name),
        netPos,
        netPrice: netPos !== 0 && average ? average.toNumber() : null,
        timestamp: new Date().toISOString(),
      };
    });
  }

  /** POST /cashBalance/getCashBalanceSnapshot {accountId}. */
  cashBalance(accountId: number): Reply {
    const known = this.accounts.length === 0 || this.accounts.some((a) => Number(a.id) === accountId);
    if (!Number.isInteger(accountId) || !known) return ok({ errorText: `Account ${accountId} not found` });
    const id = String(accountId);
    const balance = this.market.ledger.balance(id);
    const realized = this.market.ledger.realized(id);
    const open = this.market.openPnl(id);
    return ok({
      accountId,
      totalCashValue: balance.toNumber(),
      openPnL: open.toNumber(),
      realizedPnL: realized.toNumber(),
      weekRealizedPnL: realized.toNumber(),
      totalPnL: realized.plus(open).toNumber(),
      netLiq: balance.plus(open).toNumber(),
      initialMargin: 0,
      maintenanceMargin: 0,
    });
  }
}

import type { FakeFill } from './fake-ledger';
import type { FakeMarket } from './fake-market';
import type { FakeAccount } from './fake-platform';
import type { Json } from './http-fake';
import type { Position } from './projectx-orders';
import type { Contract } from './projectx-shapes';

/**
 * The ProjectX fake's account-state shapes (gateway.docs.projectx.com), shared by the REST reads and the user
 * hub's events: accounts with their balance, open positions with their average price, trades (fills) with
 * their P&L. The Gateway reports no open P&L on either; balances include realized P&L only.
 */
export class ProjectXReads {
  constructor(
    private readonly market: FakeMarket,
    private readonly contracts: Contract[],
    private readonly configured: FakeAccount[],
  ) {}

  /** /api/Account/search: the login's accounts (none configured: the accounts that have traded). */
  accountList(): Json[] {
    const accounts =
      this.configured.length > 0
        ? this.configured
        : this.market.ledger.accounts().map((id) => ({ id: Number(id), name: `ACCOUNT-${id}` }));
    return accounts.map((a) => this.accountView(a));
  }

  /** One account as `/api/Account/search` lists it and `GatewayUserAccount` pushes it. */
  account(accountId: number): Json {
    const a = this.configured.find((x) => Number(x.id) === accountId);
    return this.accountView(a ?? { id: accountId, name: `ACCOUNT-${accountId}` });
  }

  /** /api/Position/searchOpen: type 1 long, 2 short. */
  positionList(positions: Iterable<Position>, accountId: number): Json[] {
    return [...positions]
      .map((p, i) => ({ p, id: i + 1 }))
      .filter(({ p }) => p.accountId === accountId && p.size !== 0)
      .map(({ p, id }) => this.position(p, id));
  }

  /** One position as listed and as `GatewayUserPosition` pushes it (size 0 once closed). */
  position(p: Position, id: number): Json {
    const average = this.market.ledger.position(String(p.accountId), this.nameOf(p.contractId))?.average;
    return {
      id,
      accountId: p.accountId,
      contractId: p.contractId,
      creationTimestamp: p.created,
      type: p.size < 0 ? 2 : 1,
      size: Math.abs(p.size),
      averagePrice: average && p.size !== 0 ? average.toNumber() : null,
    };
  }

  /** /api/Trade/search {accountId, startTimestamp, endTimestamp?}: profitAndLoss null on a half-turn. */
  tradeSearch(accountId: number, body: Json): Json[] {
    const from = body.startTimestamp ? Date.parse(String(body.startTimestamp)) : -Infinity;
    const to = body.endTimestamp ? Date.parse(String(body.endTimestamp)) : Infinity;
    return this.market.ledger
      .fills(String(accountId))
      .filter((f) => f.at.getTime() >= from && f.at.getTime() <= to)
      .map((f) => this.trade(f));
  }

  /** One trade as listed and as `GatewayUserTrade` pushes it. */
  trade(f: FakeFill): Json {
    return {
      id: f.id,
      accountId: Number(f.accountId),
      contractId: this.contracts.find((c) => c.name === f.symbol)?.id ?? f.symbol,
      creationTimestamp: f.at.toISOString(),
      price: f.price.toNumber(),
      profitAndLoss: f.realized === null ? null : f.realized.toNumber(),
      fees: 0,
      side: f.side === 'BUY' ? 0 : 1,
      size: f.quantity,
      voided: false,
      orderId: Number(f.orderId),
    };
  }

  private accountView(a: FakeAccount): Json {
    return {
      id: Number(a.id),
      name: a.name,
      balance: this.market.ledger.balance(String(a.id)).toNumber(),
      canTrade: true,
      isVisible: true,
      simulated: true,
    };
  }

  private nameOf(contractId: string): string {
    return this.contracts.find((c) => c.id === contractId)?.name ?? contractId;
  }
}

import type { FakeMarket } from './fake-market';
import type { FakeAccount } from './fake-platform';
import type { Json } from './http-fake';
import type { Position } from './projectx-orders';
import type { Contract } from './projectx-shapes';

/**
 * The ProjectX fake's account-state reads (gateway.docs.projectx.com shapes): accounts with their balance,
 * open positions with their average price, trades (fills) with their P&L. The Gateway reports no open P&L
 * over REST; balances include realized P&L only.
 */
export class ProjectXReads {
  constructor(
    private readonly market: FakeMarket,
    private readonly contracts: Contract[],
  ) {}

  /** /api/Account/search: the login's accounts (none configured: the accounts that have traded). */
  accountList(configured: FakeAccount[]): Json[] {
    const accounts =
      configured.length > 0
        ? configured
        : this.market.ledger.accounts().map((id) => ({ id: Number(id), name: `ACCOUNT-${id}` }));
    return accounts.map((a) => ({
      id: Number(a.id),
      name: a.name,
      balance: this.market.ledger.balance(String(a.id)).toNumber(),
      canTrade: true,
      isVisible: true,
      simulated: true,
    }));
  }

  /** /api/Position/searchOpen: type 1 long, 2 short. */
  positionList(positions: Iterable<Position>, accountId: number): Json[] {
    return [...positions]
      .filter((p) => p.accountId === accountId && p.size !== 0)
      .map((p, i) => {
        const name = this.contracts.find((c) => c.id === p.contractId)?.name ?? p.contractId;
        const average = this.market.ledger.position(String(accountId), name)?.average;
        return {
          id: i + 1,
          accountId,
          contractId: p.contractId,
          creationTimestamp: p.created,
          type: p.size > 0 ? 1 : 2,
          size: Math.abs(p.size),
          averagePrice: average ? average.toNumber() : null,
        };
      });
  }

  /** /api/Trade/search {accountId, startTimestamp, endTimestamp?}: profitAndLoss null on a half-turn. */
  tradeSearch(accountId: number, body: Json): Json[] {
    const from = body.startTimestamp ? Date.parse(String(body.startTimestamp)) : -Infinity;
    const to = body.endTimestamp ? Date.parse(String(body.endTimestamp)) : Infinity;
    return this.market.ledger
      .fills(String(accountId))
      .filter((f) => f.at.getTime() >= from && f.at.getTime() <= to)
      .map((f) => ({
        id: f.id,
        accountId,
        contractId: this.contracts.find((c) => c.name === f.symbol)?.id ?? f.symbol,
        creationTimestamp: f.at.toISOString(),
        price: f.price.toNumber(),
        profitAndLoss: f.realized === null ? null : f.realized.toNumber(),
        fees: 0,
        side: f.side === 'BUY' ? 0 : 1,
        size: f.quantity,
        voided: false,
        orderId: Number(f.orderId),
      }));
  }
}

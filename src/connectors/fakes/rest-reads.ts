import type { FakeMarket } from './fake-market';
import type { FakeAccount } from './fake-platform';
import { Json, ok, Reply } from './http-fake';
import { error } from './rest-orders';

/**
 * The generic REST fake's account-state reads (the contract is in rest-fake.ts): one account's balance and
 * P&L, its positions with average prices, its fills since a time. Money goes out as JSON numbers.
 */
export class RestReads {
  constructor(
    private readonly market: FakeMarket,
    private readonly accounts: FakeAccount[],
  ) {}

  /** GET {base}/accounts/{id}. */
  account(id: string): Reply {
    const known = this.accounts.find((a) => String(a.id) === id);
    if (this.accounts.length > 0 && !known) return error(404, 'NOT_FOUND', `account ${id} not found`);
    const { ledger } = this.market;
    return ok({
      account_id: id,
      name: known?.name ?? id,
      balance: ledger.balance(id).toNumber(),
      open_pnl: this.market.openPnl(id).toNumber(),
      realized_pnl: ledger.realized(id).toNumber(),
    });
  }

  /** `open_positions` of GET {base}/positions?account_id=: [{symbol, quantity (signed), average_price}]. */
  openPositions(id: string): Json[] {
    return this.market.ledger.positions(id).map((p) => ({
      symbol: p.symbol,
      quantity: p.net,
      average_price: p.average.toNumber(),
    }));
  }

  /** GET {base}/fills?account_id=&since=: the account's fills at or after `since` (ISO 8601), oldest first. */
  fills(id: string | null, since: string | null): Reply {
    const from = since ? Date.parse(since) : -Infinity;
    if (Number.isNaN(from)) return error(400, 'INVALID_QUERY', 'since must be an ISO 8601 instant');
    const fills = this.market.ledger
      .fills(id ?? '')
      .filter((f) => f.at.getTime() >= from)
      .map((f) => ({
        fill_id: `F-${f.id}`,
        order_id: f.orderId,
        client_order_id: f.clientOrderId,
        account_id: f.accountId || null,
        symbol: f.symbol,
        side: f.side,
        quantity: f.quantity,
        price: f.price.toNumber(),
        realized_pnl: f.realized === null ? null : f.realized.toNumber(),
        filled_at: f.at.toISOString(),
      }));
    return ok({ fills });
  }
}

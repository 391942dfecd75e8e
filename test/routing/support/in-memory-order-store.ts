import type { RoutedEntry } from '../../../src/routing/domain/routing-plan';
import {
  PendingOrder,
  OrderOutcome,
  OrderStore,
  StoredOrder,
} from '../../../src/routing/application/ports/order-store.port';

export interface MemoryOrder extends PendingOrder, Omit<StoredOrder, 'clientOrderId' | 'ageMs'> {
  /** When the row was written (Date.now()); a test ages a row by moving it back. */
  writtenAt: number;
  /** Set by `defer`: the delay before its re-drive. */
  deferredForMs?: number;
  /** The row's id, in the order rows were written (`orders.id`). */
  id: number;
}

export class InMemoryOrderStore extends OrderStore {
  readonly rows = new Map<string, MemoryOrder>();

  async reserve(intents: PendingOrder[]): Promise<Map<string, StoredOrder>> {
    const existing = new Map<string, StoredOrder>();
    for (const i of intents) {
      const row = this.rows.get(i.clientOrderId);
      if (row) existing.set(i.clientOrderId, { ...row, ageMs: Date.now() - row.writtenAt });
      else
        this.rows.set(i.clientOrderId, {
          ...i,
          status: 'PENDING_SEND',
          externalOrderId: null,
          rawResponse: null,
          errorMessage: null,
          writtenAt: Date.now(),
          id: this.rows.size + 1,
        });
    }
    return existing;
  }

  async record(clientOrderId: string, o: OrderOutcome): Promise<void> {
    const row = this.rows.get(clientOrderId)!;
    Object.assign(row, {
      status: o.status,
      externalOrderId: o.externalOrderId,
      rawRequest: o.rawRequest ?? row.rawRequest,
      rawResponse: o.rawResponse,
      errorMessage: o.errorMessage,
    });
  }

  async defer(clientOrderIds: string[], delayMs: number, reason: string): Promise<void> {
    for (const id of clientOrderIds) {
      const row = this.rows.get(id);
      if (row?.status === 'PENDING_SEND')
        Object.assign(row, { status: 'RETRY', errorMessage: reason, deferredForMs: delayMs });
      else if (row?.status === 'RETRY') row.deferredForMs = Math.max(row.deferredForMs ?? 0, delayMs);
    }
  }

  /** As PgOrderStore: per account, the newest successful entry of the trade id with no exit sent or being sent. */
  async routedEntries(tradeId: string): Promise<RoutedEntry[]> {
    const rows = [...this.rows.values()];
    const closed = new Set(
      rows
        .filter(
          (x) => x.closesOrderId !== undefined && ['SUCCESS', 'PENDING_SEND', 'RETRY'].includes(x.status),
        )
        .map((x) => x.closesOrderId),
    );
    const newest = new Map<number, MemoryOrder>();
    for (const r of rows)
      if (r.tradeId === tradeId && r.eventType === 'entry' && r.status === 'SUCCESS' && !closed.has(r.id))
        if ((newest.get(r.accountId)?.id ?? 0) < r.id) newest.set(r.accountId, r);
    return [...newest.values()]
      .sort((a, b) => a.accountId - b.accountId)
      .map((r) => ({
        order_id: r.id,
        account_id: r.accountId,
        firm_code: r.firmCode,
        symbol: r.symbol,
        side: r.side,
        quantity: r.quantity,
        external_order_id: r.externalOrderId,
      }));
  }
}

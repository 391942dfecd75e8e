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
      if (row?.status !== 'PENDING_SEND') continue;
      Object.assign(row, { status: 'RETRY', errorMessage: reason, deferredForMs: delayMs });
    }
  }

  async routedEntries(tradeId: string): Promise<RoutedEntry[]> {
    return [...this.rows.values()]
      .filter((r) => r.tradeId === tradeId && r.eventType === 'entry' && r.status === 'SUCCESS')
      .map((r) => ({
        account_id: r.accountId,
        firm_code: r.firmCode,
        symbol: r.symbol,
        side: r.side,
        quantity: r.quantity,
        external_order_id: r.externalOrderId,
      }));
  }
}

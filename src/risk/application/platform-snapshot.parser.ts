import Decimal from 'decimal.js';
import type { PositionLine } from '../domain/account-state';
import type { PlatformReading } from '../domain/platform-sync';
import type { PlatformAccountSnapshot, PlatformFill } from '../../shared-kernel/platform-state';
import type { AccountFillRecord } from './ports/account-state.repository.port';

export interface ParsedSnapshot {
  /** Distinct by fill id (the first of a repeated id wins), as recorded in account_fills. */
  fills: AccountFillRecord[];
  reading: Omit<PlatformReading, 'rootOf'>;
}

/**
 * A platform snapshot checked and parsed: exact decimals, instants, whole positive quantities. Throws on
 * anything malformed, naming every problem, so that a bad read changes nothing (the sync loop logs it).
 */
export function parseSnapshot(s: PlatformAccountSnapshot, accountId: number): ParsedSnapshot {
  const p = new Problems();
  if (s.accountId !== accountId) p.add(`accountId: ${s.accountId}, for account ${accountId}`);
  const fills = parseFills(s.fills, p);
  const positions: PositionLine[] = s.positions.flatMap((x, i) => {
    if (!Number.isInteger(x.netQuantity)) p.add(`positions[${i}].netQuantity: ${x.netQuantity}`);
    const avgPrice = p.decimal(x.averagePrice, `positions[${i}].averagePrice`);
    return x.netQuantity === 0
      ? []
      : [{ symbol: x.symbol.toUpperCase(), netQuantity: x.netQuantity, avgPrice }];
  });
  const refs = s.workingOrders.flatMap((o) => [o.orderId, o.clientOrderId]).filter((x): x is string => !!x);
  const reading = {
    balance: p.decimal(s.balance, 'balance'),
    openPnl: p.decimal(s.openPnl, 'openPnl'),
    positions,
    workingOrderRefs: [...new Set(refs)],
    readAt: p.instant(s.readAt, 'readAt'),
  };
  if (p.list.length > 0) {
    throw new Error(`platform snapshot of account ${accountId} is malformed: ${p.list.join('; ')}`);
  }
  return { fills, reading };
}

function parseFills(fills: PlatformFill[], p: Problems): AccountFillRecord[] {
  const seen = new Set<string>();
  const out: AccountFillRecord[] = [];
  fills.forEach((f, i) => {
    if (!Number.isInteger(f.quantity) || f.quantity <= 0) p.add(`fills[${i}].quantity: ${f.quantity}`);
    if (!f.fillId) p.add(`fills[${i}].fillId: empty`);
    if (f.side !== 'BUY' && f.side !== 'SELL') p.add(`fills[${i}].side: ${String(f.side)}`);
    const price = p.decimal(f.price, `fills[${i}].price`);
    const filledAt = p.instant(f.filledAt, `fills[${i}].filledAt`);
    if (seen.has(f.fillId)) return; // the same fill twice in one read: once
    seen.add(f.fillId);
    out.push({
      fillId: f.fillId,
      orderId: f.orderId,
      clientOrderId: f.clientOrderId,
      symbol: f.symbol.toUpperCase(),
      side: f.side,
      quantity: f.quantity,
      price: price?.toFixed() ?? '0',
      filledAt,
    });
  });
  return out;
}

class Problems {
  readonly list: string[] = [];
  add(problem: string): void {
    this.list.push(problem);
  }
  decimal(v: string | null, what: string): Decimal | null {
    if (v === null) return null;
    try {
      const d = new Decimal(v);
      if (d.isFinite()) return d;
    } catch {
      /* reported below */
    }
    this.add(`${what}: not a decimal (${JSON.stringify(v)})`);
    return null;
  }
  instant(v: string, what: string): Date {
    const t = new Date(v);
    if (Number.isNaN(t.getTime())) this.add(`${what}: not an instant (${JSON.stringify(v)})`);
    return t;
  }
}

import type { FillRecord, TradeRecord } from './trade-record';

export interface SymbolFill extends FillRecord {
  symbol: string;
  ref: string;
}

/**
 * Fills → round trips: per symbol, a trade opens when the position leaves flat and closes when it is flat
 * again; a fill that reverses the position closes one trade and opens the next with the rest. Problems: a
 * trade still open at the end of the list.
 */
export function roundTrips(fills: readonly SymbolFill[]): { trades: TradeRecord[]; problems: string[] } {
  const open = new Map<string, { net: number; fills: SymbolFill[]; max: number }>();
  const trades: TradeRecord[] = [];
  const sorted = [...fills].sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const f of sorted) {
    let book = open.get(f.symbol) ?? { net: 0, fills: [], max: 0 };
    const signed = f.side === 'buy' ? f.quantity : -f.quantity;
    const next = book.net + signed;
    if (book.net !== 0 && Math.sign(next) !== Math.sign(book.net)) {
      // closes (and may reverse): the closing part ends this trade
      const closing = Math.abs(book.net);
      trades.push(toTrade(f.symbol, [...book.fills, { ...f, quantity: closing }], book.max));
      book = { net: 0, fills: [], max: 0 };
      const rest = f.quantity - closing;
      if (rest > 0) book = { net: Math.sign(signed) * rest, fills: [{ ...f, quantity: rest }], max: rest };
    } else {
      book = { net: next, fills: [...book.fills, f], max: Math.max(book.max, Math.abs(next)) };
    }
    open.set(f.symbol, book);
  }
  const problems = [...open.entries()]
    .filter(([, b]) => b.net !== 0)
    .map(
      ([symbol, b]) =>
        `${b.fills[0].ref}: the ${symbol} position it opens (${b.net}) is never closed in the file`,
    );
  trades.sort((a, b) => a.entryAt.getTime() - b.entryAt.getTime());
  return { trades, problems };
}

function toTrade(symbol: string, fills: SymbolFill[], max: number): TradeRecord {
  const first = fills[0];
  const last = fills[fills.length - 1];
  return {
    ref: first.ref,
    symbol,
    side: first.side === 'buy' ? 'long' : 'short',
    quantity: max,
    entryAt: first.at,
    exitAt: last.at,
    entryPrice: first.price,
    exitPrice: last.price,
    stopLoss: null,
    runUp: null,
    drawdown: null,
    fills: fills.map(({ at, side, quantity, price }) => ({ at, side, quantity, price })),
  };
}

import type Decimal from 'decimal.js';

/** One fill of a trade list (generic fills, PropRouter's own fills). */
export interface FillRecord {
  at: Date;
  side: 'buy' | 'sell';
  quantity: number;
  price: Decimal;
}

/**
 * One round trip from a trade list, before it is valued: flat → position → flat in one symbol. Money columns a
 * file gives (TradingView's run-up and drawdown) are kept for the whole trade as traded.
 */
export interface TradeRecord {
  /** Where it came from, for messages: `trade 12` (TradingView), `row 7` (CSV), `item 3` (JSON). */
  ref: string;
  symbol: string;
  side: 'long' | 'short';
  /** As traded: the largest position the trade held. */
  quantity: number;
  entryAt: Date;
  exitAt: Date;
  entryPrice: Decimal;
  exitPrice: Decimal;
  /** The trade's stop, when the file gives one (what a re-sized replay sizes from). */
  stopLoss: Decimal | null;
  /** Best open profit of the whole trade (money, ≥ 0), when the file gives it (TradingView run-up). */
  runUp: Decimal | null;
  /** Worst open loss of the whole trade (money, ≥ 0), when the file gives it (TradingView drawdown). */
  drawdown: Decimal | null;
  /** Every fill of the trade in order (two for an entry/exit pair). */
  fills: FillRecord[];
}

/** A parsed trade list, or every problem of it (row and column named). */
export type ParsedTrades = { ok: true; trades: TradeRecord[] } | { ok: false; problems: string[] };

/** The uploads a run reads: TradingView's export, a generic CSV or JSON of trades or fills. */
export const FILE_FORMATS = ['tradingview', 'csv', 'json'] as const;
export type FileFormat = (typeof FILE_FORMATS)[number];

import type Decimal from 'decimal.js';
import { headerKey, Problems, readDecimal, readInstant, readQuantity, readSide } from './field-readers';
import { roundTrips, SymbolFill } from './round-trips';
import type { ParsedTrades, TradeRecord } from './trade-record';

/** One record of a generic list: CSV columns or JSON keys, values as text or numbers. */
export type GenericRecord = Record<string, string | number | null | undefined>;

const TRADE_KEYS = ['entry_time', 'exit_time', 'symbol', 'side', 'quantity', 'entry_price', 'exit_price'];
const FILL_KEYS = ['time', 'symbol', 'side', 'quantity', 'price'];

/**
 * A generic list of trades (`entry_time, exit_time, symbol, side, quantity, entry_price, exit_price`, optional
 * `stop_loss, run_up, drawdown`) or of fills (`time, symbol, side, quantity, price`), told apart by their keys;
 * fills are paired into round trips per symbol. Times without a zone are read in `zone`. `where(i)` names a record.
 */
export function tradesFromRecords(
  records: readonly GenericRecord[],
  zone: string,
  where: (i: number) => string,
): ParsedTrades {
  if (records.length === 0) return { ok: false, problems: ['file: no trades or fills'] };
  const normalized = records.map((r) =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [headerKey(k).replace(/ /g, '_'), v])),
  );
  const keys = Object.keys(normalized[0]);
  const isFills = FILL_KEYS.every((k) => keys.includes(k)) && !keys.includes('entry_time');
  const wanted = isFills ? FILL_KEYS : TRADE_KEYS;
  const missing = wanted.filter((k) => !keys.includes(k));
  if (missing.length > 0)
    return {
      ok: false,
      problems: [
        `header: missing ${missing.join(', ')} (trades need ${TRADE_KEYS.join(', ')}; fills need ${FILL_KEYS.join(', ')})`,
      ],
    };
  const problems = new Problems();
  if (isFills) {
    const fills = normalized.map((r, i) => readFill(r, zone, where(i), problems));
    if (problems.list.length > 0) return { ok: false, problems: problems.list };
    const paired = roundTrips(fills.filter((f): f is SymbolFill => f !== null));
    if (paired.problems.length > 0) return { ok: false, problems: paired.problems };
    return { ok: true, trades: paired.trades };
  }
  const trades = normalized.map((r, i) => readTrade(r, zone, where(i), problems));
  if (problems.list.length > 0) return { ok: false, problems: problems.list };
  const ok = trades.filter((t): t is TradeRecord => t !== null);
  ok.sort((a, b) => a.entryAt.getTime() - b.entryAt.getTime());
  return { ok: true, trades: ok };
}

function text(v: string | number | null | undefined): string | undefined {
  return v === null || v === undefined ? undefined : String(v);
}

function readFill(r: GenericRecord, zone: string, at: string, p: Problems): SymbolFill | null {
  const time = readInstant(text(r.time), zone);
  if (!time) p.add(`${at}, time`, `"${text(r.time) ?? ''}" is not a date and time (ISO 8601)`);
  const symbol = (text(r.symbol) ?? '').trim();
  if (symbol === '') p.add(`${at}, symbol`, 'empty');
  const side = readSide(text(r.side));
  if (!side) p.add(`${at}, side`, `"${text(r.side) ?? ''}" is not buy or sell`);
  const quantity = readQuantity(r.quantity);
  if (quantity === null)
    p.add(`${at}, quantity`, `"${text(r.quantity) ?? ''}" is not a whole number of contracts`);
  const price = positive(r.price, `${at}, price`, p);
  if (!time || symbol === '' || !side || quantity === null || !price) return null;
  return { ref: at, at: time, symbol: symbol.toUpperCase(), side, quantity, price };
}

function readTrade(r: GenericRecord, zone: string, at: string, p: Problems): TradeRecord | null {
  const entryAt = readInstant(text(r.entry_time), zone);
  if (!entryAt) p.add(`${at}, entry_time`, `"${text(r.entry_time) ?? ''}" is not a date and time (ISO 8601)`);
  const exitAt = readInstant(text(r.exit_time), zone);
  if (!exitAt) p.add(`${at}, exit_time`, `"${text(r.exit_time) ?? ''}" is not a date and time (ISO 8601)`);
  if (entryAt && exitAt && exitAt < entryAt) p.add(`${at}, exit_time`, 'is before entry_time');
  const symbol = (text(r.symbol) ?? '').trim();
  if (symbol === '') p.add(`${at}, symbol`, 'empty');
  const side = readSide(text(r.side));
  if (!side) p.add(`${at}, side`, `"${text(r.side) ?? ''}" is not long/buy or short/sell`);
  const quantity = readQuantity(r.quantity);
  if (quantity === null)
    p.add(`${at}, quantity`, `"${text(r.quantity) ?? ''}" is not a whole number of contracts`);
  const entryPrice = positive(r.entry_price, `${at}, entry_price`, p);
  const exitPrice = positive(r.exit_price, `${at}, exit_price`, p);
  const stopLoss = optional(r.stop_loss, `${at}, stop_loss`, p);
  const runUp = optional(r.run_up, `${at}, run_up`, p);
  const drawdown = optional(r.drawdown, `${at}, drawdown`, p);
  if (!entryAt || !exitAt || symbol === '' || !side || quantity === null || !entryPrice || !exitPrice)
    return null;
  if (stopLoss === false || runUp === false || drawdown === false) return null;
  const close = side === 'buy' ? 'sell' : 'buy';
  return {
    ref: at,
    symbol: symbol.toUpperCase(),
    side: side === 'buy' ? 'long' : 'short',
    quantity,
    entryAt,
    exitAt,
    entryPrice,
    exitPrice,
    stopLoss,
    runUp: runUp?.abs() ?? null,
    drawdown: drawdown?.abs() ?? null,
    fills: [
      { at: entryAt, side, quantity, price: entryPrice },
      { at: exitAt, side: close, quantity, price: exitPrice },
    ],
  };
}

function positive(v: string | number | null | undefined, where: string, p: Problems): Decimal | null {
  const d = readDecimal(v);
  if (d === null || d.lte(0)) {
    p.add(where, `"${text(v) ?? ''}" is not a positive number`);
    return null;
  }
  return d;
}

function optional(v: string | number | null | undefined, where: string, p: Problems): Decimal | null | false {
  if (v === undefined || v === null || String(v).trim() === '') return null;
  const d = readDecimal(v);
  if (d === null) {
    p.add(where, `"${text(v)}" is not a number`);
    return false;
  }
  return d;
}

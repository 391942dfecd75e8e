import { parse } from 'csv-parse/sync';
import { AppError } from '../../platform/errors/app-error';
import { GenericRecord, tradesFromRecords } from '../domain/generic-trades';
import type { FileFormat, TradeRecord } from '../domain/trade-record';
import { tradesFromTradingView } from '../domain/tradingview-trades';

export interface TradeFile {
  format: FileFormat;
  text: string;
  /** The time zone of times without one (TradingView: the chart's). */
  timeZone: string;
  /** TradingView: the chart's symbol (the export does not name it). */
  symbol?: string | null;
}

/** A trade file's round trips, in time order; every problem of a bad file in one VALIDATION error (400). */
export function parseTradeFile(f: TradeFile): TradeRecord[] {
  const parsed =
    f.format === 'json'
      ? tradesFromRecords(jsonItems(f.text), f.timeZone, (i) => `item ${i + 1}`)
      : f.format === 'csv'
        ? tradesFromRecords(csv(f.text, true) as GenericRecord[], f.timeZone, (i) => `row ${i + 2}`)
        : tradesFromTradingView(csv(f.text, false) as string[][], tradingViewSymbol(f.symbol), f.timeZone);
  if (!parsed.ok) throw AppError.validation(parsed.problems);
  return parsed.trades;
}

function tradingViewSymbol(symbol: string | null | undefined): string {
  const s = (symbol ?? '').trim();
  if (s === '')
    throw AppError.validation([
      'symbol: a TradingView export does not name its symbol: give the chart\'s (e.g. "NQ1!")',
    ]);
  return s.toUpperCase();
}

function csv(text: string, columns: boolean): unknown[] {
  try {
    return parse(text.replace(/^\uFEFF/, ''), {
      columns,
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
    }) as unknown[];
  } catch (e) {
    throw AppError.validation([`file: not CSV (${(e as Error).message})`]);
  }
}

function jsonItems(text: string): GenericRecord[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw AppError.validation([`file: not JSON (${(e as Error).message})`]);
  }
  const items = Array.isArray(doc)
    ? doc
    : typeof doc === 'object' && doc !== null
      ? ((doc as { trades?: unknown; fills?: unknown }).trades ?? (doc as { fills?: unknown }).fills)
      : undefined;
  if (!Array.isArray(items) || items.some((x) => typeof x !== 'object' || x === null || Array.isArray(x)))
    throw AppError.validation([
      'file: JSON must be an array of trades or fills, or {"trades": [...]} / {"fills": [...]}',
    ]);
  return items as GenericRecord[];
}

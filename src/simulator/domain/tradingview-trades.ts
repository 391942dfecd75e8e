import type Decimal from 'decimal.js';
import { headerKey, Problems, readDecimal, readInstant, readQuantity } from './field-readers';
import type { ParsedTrades, TradeRecord } from './trade-record';

/** TradingView's columns, by what their headers start with (exports name the currency: `Price USD`). */
const COLUMNS = {
  trade: (k: string) => k === 'trade #',
  type: (k: string) => k === 'type',
  signal: (k: string) => k === 'signal',
  time: (k: string) => k === 'date/time' || k === 'date and time' || k === 'date time',
  price: (k: string) => k.startsWith('price'),
  quantity: (k: string) =>
    k === 'contracts' || k === 'quantity' || k === 'qty' || k.startsWith('position size qty'),
  runUp: (k: string) => k.startsWith('run up') && !k.endsWith('%'),
  drawdown: (k: string) => k.startsWith('drawdown') && !k.endsWith('%'),
};
type Column = keyof typeof COLUMNS;
const REQUIRED: Column[] = ['trade', 'type', 'time', 'price', 'quantity'];

interface Row {
  line: number;
  type: 'entry' | 'exit';
  side: 'long' | 'short';
  at: Date;
  price: Decimal;
  quantity: number;
  runUp: Decimal | null;
  drawdown: Decimal | null;
}

/**
 * TradingView Strategy Tester "List of trades" export: two rows per trade (`Entry Long` / `Exit Long`, …) under
 * one `Trade #`, times in the chart's time zone (`zone`), one symbol (the export does not name it: `symbol`).
 * `Run-up` and `Drawdown` (money) give the trade's best open profit and worst open loss. A trade still open
 * (signal `Open`) is left out: it has no exit to replay. `lines` are the CSV's records with the header first.
 */
export function tradesFromTradingView(lines: string[][], symbol: string, zone: string): ParsedTrades {
  const problems = new Problems();
  if (lines.length < 2)
    return { ok: false, problems: ['file: no trades (a header and at least one row expected)'] };
  const cols = locate(lines[0], problems);
  if (!cols) return { ok: false, problems: problems.list };
  const byTrade = new Map<string, { entry?: Row; exit?: Row }>();
  lines.slice(1).forEach((cells, i) => {
    const line = i + 2;
    const get = (c: Column) => (cols[c] === undefined ? undefined : cells[cols[c] as number]);
    if ((get('signal') ?? '').trim().toLowerCase() === 'open') return;
    const row = readRow(line, get, zone, problems);
    const id = (get('trade') ?? '').trim();
    if (id === '') problems.add(`line ${line}, column Trade #`, 'empty');
    if (!row || id === '') return;
    const pair = byTrade.get(id) ?? {};
    if (pair[row.type]) problems.add(`line ${line}`, `trade ${id} has a second ${row.type} row`);
    pair[row.type] = row;
    byTrade.set(id, pair);
  });
  const trades: TradeRecord[] = [];
  for (const [id, pair] of byTrade) {
    const trade = pairUp(id, pair, symbol, problems);
    if (trade) trades.push(trade);
  }
  if (problems.list.length > 0) return { ok: false, problems: problems.list };
  if (trades.length === 0) return { ok: false, problems: ['file: no closed trade in the export'] };
  trades.sort((a, b) => a.entryAt.getTime() - b.entryAt.getTime());
  return { ok: true, trades };
}

function locate(header: string[], problems: Problems): Partial<Record<Column, number>> | null {
  const keys = header.map(headerKey);
  const cols: Partial<Record<Column, number>> = {};
  for (const c of Object.keys(COLUMNS) as Column[]) {
    const at = keys.findIndex(COLUMNS[c]);
    if (at >= 0) cols[c] = at;
  }
  const missing = REQUIRED.filter((c) => cols[c] === undefined);
  if (missing.length === 0) return cols;
  problems.add(
    'header',
    `not a TradingView "List of trades" export: no ${missing.join(', ')} column (expected Trade #, Type, Date/Time, Price …, Contracts)`,
  );
  return null;
}

function readRow(
  line: number,
  get: (c: Column) => string | undefined,
  zone: string,
  problems: Problems,
): Row | null {
  const where = (c: string) => `line ${line}, column ${c}`;
  const m = /^(entry|exit)\s+(long|short)$/i.exec((get('type') ?? '').trim());
  if (!m)
    problems.add(
      where('Type'),
      `"${get('type') ?? ''}" is not Entry Long, Exit Long, Entry Short or Exit Short`,
    );
  const at = readInstant(get('time'), zone);
  if (!at)
    problems.add(where('Date/Time'), `"${get('time') ?? ''}" is not a date and time (YYYY-MM-DD HH:MM)`);
  const price = readDecimal(get('price'));
  if (!price || price.lte(0)) problems.add(where('Price'), `"${get('price') ?? ''}" is not a price`);
  const quantity = readQuantity(get('quantity'));
  if (quantity === null)
    problems.add(where('Contracts'), `"${get('quantity') ?? ''}" is not a whole number of contracts`);
  const runUp = optionalMoney(get('runUp'), where('Run-up'), problems);
  const drawdown = optionalMoney(get('drawdown'), where('Drawdown'), problems);
  if (!m || !at || !price || price.lte(0) || quantity === null || runUp === false || drawdown === false)
    return null;
  return {
    line,
    type: m[1].toLowerCase() as 'entry' | 'exit',
    side: m[2].toLowerCase() as 'long' | 'short',
    at,
    price,
    quantity,
    runUp,
    drawdown,
  };
}

/** A money column that may be empty; its sign is dropped (exports show a drawdown as −120 or 120). */
function optionalMoney(text: string | undefined, where: string, problems: Problems): Decimal | null | false {
  if (text === undefined || text.trim() === '') return null;
  const d = readDecimal(text);
  if (d === null) {
    problems.add(where, `"${text}" is not an amount`);
    return false;
  }
  return d.abs();
}

function pairUp(
  id: string,
  pair: { entry?: Row; exit?: Row },
  symbol: string,
  problems: Problems,
): TradeRecord | null {
  const { entry, exit } = pair;
  if (!entry || !exit) {
    problems.add(`trade ${id}`, `has no ${entry ? 'exit' : 'entry'} row`);
    return null;
  }
  if (entry.side !== exit.side)
    problems.add(`trade ${id}`, `entry is ${entry.side} but exit is ${exit.side}`);
  if (exit.at < entry.at) problems.add(`trade ${id}`, `exit (line ${exit.line}) is before its entry`);
  const runUp = exit.runUp ?? entry.runUp;
  const drawdown = exit.drawdown ?? entry.drawdown;
  const open = entry.side === 'long' ? 'buy' : 'sell';
  const close = entry.side === 'long' ? 'sell' : 'buy';
  return {
    ref: `trade ${id}`,
    symbol,
    side: entry.side,
    quantity: entry.quantity,
    entryAt: entry.at,
    exitAt: exit.at,
    entryPrice: entry.price,
    exitPrice: exit.price,
    stopLoss: null,
    runUp,
    drawdown,
    fills: [
      { at: entry.at, side: open, quantity: entry.quantity, price: entry.price },
      { at: exit.at, side: close, quantity: entry.quantity, price: exit.price },
    ],
  };
}

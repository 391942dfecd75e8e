import { randomUUID } from 'node:crypto';
import type { NormalizeOutcome, Side, Signal } from './signal';
import {
  isPlainObject,
  MAX_QUANTITY,
  present,
  Problems,
  readChoice,
  readNumber,
  readPositiveInt,
  readPrice,
  readText,
} from './signal-fields';
import { ContractFacts, ExitLeg, relativeExitPrice } from './relative-exit';
import { readTargets } from './signal-targets';
import { readIntent } from './alert-intent';
import { fromPickMyTrade, isPickMyTrade } from './pickmytrade-fields';
import { readEntryOrder } from './signal-orders';
import { trailingStop } from './trailing-stop';
import { unreplacedPlaceholders, withPlaceholders } from './placeholders';

type Body = Record<string, unknown>;

/**
 * Validates and normalizes a webhook body (already JSON-parsed, or a CrossTrade text read into fields) into a
 * Signal, listing every problem. Accepts the seed's field names and those of the services traders copy
 * templates from (README "Alert templates"): TradersPost's (`ticker`, `action`, `sentiment`, `orderType`,
 * `limitPrice`, `stopPrice`, `signalPrice`, `stopLoss`/`takeProfit` objects), PickMyTrade's (rewritten first,
 * see pickmytrade-fields.ts) and CrossTrade's (`instrument`, `qty`, `limit_price`, `stop_price`), and numbers
 * sent as strings. Unknown fields, the secret included, are dropped. A missing trade_id is generated.
 */
export function normalizeSignal(
  raw: unknown,
  newTradeId: () => string = randomUUID,
  contractOf: (symbol: string) => ContractFacts | null = () => null,
): NormalizeOutcome {
  if (!isPlainObject(raw)) return { ok: false, problems: ['body: must be a JSON object'] };
  const problems: Problems = [];
  const body = isPickMyTrade(raw) ? fromPickMyTrade(raw, problems) : raw;
  const { head, symbol, order } = readHead(body, problems, newTradeId);
  const contract = typeof symbol?.value === 'string' ? contractOf(symbol.value) : null;
  const prices = readPrices(body, problems, head.side, contract, order.order_price, head.quantity ?? null);
  const signal = assemble(body, problems, head, prices);
  checkCoherence(signal, problems);
  const all = withPlaceholders(problems, unreplacedPlaceholders(raw));
  return all.length > 0 ? { ok: false, problems: all } : { ok: true, signal: signal as Signal };
}

/**
 * The signal with every field written out, in the same order as ever (problems listed in the same order too).
 * Not spread from its parts: an object spread followed by more fields than V8's fast-property limit leaves
 * a dictionary-mode object, and building it cost ~25 µs per alert (5 µs written out) besides slowing every
 * later read and JSON.stringify of the signal on the intake path.
 */
function assemble(
  body: Body,
  problems: Problems,
  head: Partial<Signal>,
  prices: ReturnType<typeof readPrices>,
): Partial<Signal> {
  const break_even_ticks = optional(body.break_even_ticks, (v) =>
    readPositiveInt(v, 'break_even_ticks', problems, MAX_BREAK_EVEN_TICKS),
  );
  const risk_percent = optional(body.risk_percent, (v) => readRiskPercent(v, problems));
  const targets = readTargets(body, problems);
  return {
    trade_id: head.trade_id,
    event_type: head.event_type,
    position_action: head.position_action,
    symbol: head.symbol,
    side: head.side,
    quantity: head.quantity,
    order_type: head.order_type,
    entry_price: prices.entry_price,
    stop_loss: prices.stop_loss,
    take_profit: prices.take_profit,
    trail_distance: prices.trail_distance,
    break_even_ticks,
    risk_percent,
    accounts: targets.accounts,
    account_tags: targets.account_tags,
    firm_codes: targets.firm_codes,
    program_ids: targets.program_ids,
    session: optional(body.session, (v) => readText(v, 'session', problems, 64)),
    bias: optional(body.bias, (v) => readText(v, 'bias', problems, 64)),
  };
}

/** What the alert is and on what: its intent, trade id, symbol, quantity and entry order type. */
function readHead(body: Body, problems: Problems, newTradeId: () => string) {
  const { event_type, side, position_action } = readIntent(body, problems);
  const symbol = aliased(body, 'symbol', 'ticker', 'instrument');
  const order = readEntryOrder(body, problems);
  const head: Partial<Signal> = {
    trade_id: present(body.trade_id) ? readText(body.trade_id, 'trade_id', problems, 128) : newTradeId(),
    event_type,
    position_action,
    symbol: symbol
      ? readText(symbol.value, symbol.field, problems, 64)
      : missing('symbol: is required (or ticker)', problems),
    side,
    quantity: readQuantity(body, problems),
    order_type: order.order_type,
  };
  return { head, symbol, order };
}

function readPrices(
  body: Body,
  problems: Problems,
  side: Side | null | undefined,
  contract: ContractFacts | null,
  orderPrice: number | null,
  quantity: number | null,
): Pick<Signal, 'entry_price' | 'stop_loss' | 'take_profit' | 'trail_distance'> {
  const price = (found: { value: unknown; field: string } | undefined) =>
    found ? (readPrice(found.value, found.field, problems) ?? null) : null;
  // a limit's limitPrice or a stop's stopPrice is the entry; else the alert's price (TradersPost's signalPrice)
  const reference = price(aliased(body, 'entry_price', 'price', 'signalPrice'));
  const entry_price = orderPrice ?? reference;
  const named = present(body.symbol) ? body.symbol : present(body.ticker) ? body.ticker : body.instrument;
  const symbol = typeof named === 'string' ? named : '';
  let trail_distance: number | null = null;
  const exit = (canonical: string, leg: ExitLeg, inner: string): number | null => {
    const found = aliased(body, canonical, leg);
    if (!found || found.field === canonical || !isPlainObject(found.value)) return price(found);
    const spec = found.value;
    const type = leg === 'stopLoss' ? stopLossType(spec, problems) : 'stop';
    if (type === null) return null;
    if (type === 'trailing_stop') {
      if (!side) return null;
      const trailing = trailingStop({ spec, side, entry: entry_price, symbol, contract }, problems);
      trail_distance = trailing?.trail_distance ?? null;
      return trailing?.stop_loss ?? null;
    }
    if (present(spec[inner])) return price({ value: spec[inner], field: `${leg}.${inner}` });
    if (!side) return null; // an exit's stop means nothing; an entry without a side is already refused
    const input = { leg, spec, side, entry: entry_price, symbol, contract, quantity };
    return relativeExitPrice(input, problems) ?? null;
  };
  const stop_loss = exit('stop_loss', 'stopLoss', 'stopPrice');
  const take_profit = exit('take_profit', 'takeProfit', 'limitPrice');
  return { entry_price, stop_loss, take_profit, trail_distance };
}

/**
 * A `stopLoss` object's `type`: `stop` (the default) or `trailing_stop`; null after naming the problem
 * (`stop_limit` is refused: it may never fill, leaving the position unprotected; a fixed stop with a trailing
 * or limit field).
 */
function stopLossType(spec: Body, problems: Problems): 'stop' | 'trailing_stop' | null {
  const type = present(spec.type)
    ? readChoice(spec.type, 'stopLoss.type', problems, ['stop', 'stop_limit', 'trailing_stop'])
    : 'stop';
  if (type === 'stop_limit')
    problems.push(
      'stopLoss.type: stop_limit is not supported (a stop-limit may never fill, leaving the position unprotected); use stop or trailing_stop',
    );
  if (type === undefined || type === 'stop_limit') return null;
  if (type === 'stop')
    for (const f of ['limitPrice', 'trailAmount', 'trailPercent'])
      if (present(spec[f])) problems.push(`stopLoss.${f}: is not used by a stop of type "stop"`);
  return type;
}

/** The canonical field when present, else the first alias given; undefined when none is. */
function aliased(
  body: Body,
  canonical: string,
  ...aliases: string[]
): { value: unknown; field: string } | undefined {
  const field = [canonical, ...aliases].find((f) => present(body[f]));
  return field === undefined ? undefined : { value: body[field], field };
}

/** `quantity`, or the names other services' templates use for it: `contracts` (TradersPost), `qty` (CrossTrade). */
function readQuantity(body: Body, problems: Problems): number | null | undefined {
  const given = QUANTITY_FIELDS.filter((f) => present(body[f]));
  if (given.length > 1) {
    problems.push(`${given.join(', ')}: give the quantity once (they are the same field)`);
    return undefined;
  }
  if (given.length === 0) return null;
  return readPositiveInt(body[given[0]], given[0], problems, MAX_QUANTITY);
}

const QUANTITY_FIELDS = ['quantity', 'contracts', 'qty'];
/** A break-even move after at most this many ticks (2,500 NQ points). */
const MAX_BREAK_EVEN_TICKS = 10_000;

function readRiskPercent(value: unknown, problems: Problems): number | undefined {
  const n = readNumber(value, 'risk_percent', problems);
  if (n === undefined) return undefined;
  if (n <= 0 || n > 1) {
    problems.push('risk_percent: must be a fraction above 0 and at most 1 (0.01 = 1 %)');
    return undefined;
  }
  return n;
}

function missing(problem: string, problems: Problems): undefined {
  problems.push(problem);
  return undefined;
}

function optional<T>(value: unknown, read: (v: unknown) => T | undefined): T | null | undefined {
  return present(value) ? read(value) : null;
}

/** Rules across fields: a priced order needs a price; stops and targets on the right side of the entry. */
function checkCoherence(s: Partial<Signal>, problems: Problems): void {
  if ((s.order_type === 'limit' || s.order_type === 'stop') && s.entry_price === null) {
    const own = s.order_type === 'limit' ? 'limitPrice' : 'stopPrice';
    problems.push(`entry_price: is required for a ${s.order_type} order (${own}, or price)`);
  }
  if (s.break_even_ticks) {
    if (s.event_type !== 'entry') problems.push('break_even_ticks: is for an entry (it moves its stop loss)');
    else if (s.trail_distance)
      problems.push('break_even_ticks: a trailing stop already follows the market: give one or the other');
    else if (s.stop_loss === null)
      problems.push('break_even_ticks: needs a stop loss to move to the entry price (stopLoss or stop_loss)');
    else if (s.entry_price === null)
      problems.push('break_even_ticks: needs the entry price (price or entry_price, e.g. "{{close}}")');
  }
  if (s.event_type !== 'entry' || !s.side || !s.entry_price) return;
  const buy = s.side === 'buy';
  if (s.stop_loss && (buy ? s.stop_loss >= s.entry_price : s.stop_loss <= s.entry_price)) {
    problems.push(`stop_loss: must be ${buy ? 'below' : 'above'} entry_price for a ${s.side}`);
  }
  if (s.take_profit && (buy ? s.take_profit <= s.entry_price : s.take_profit >= s.entry_price)) {
    problems.push(`take_profit: must be ${buy ? 'above' : 'below'} entry_price for a ${s.side}`);
  }
}

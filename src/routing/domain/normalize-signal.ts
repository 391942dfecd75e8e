import { randomUUID } from 'node:crypto';
import type { NormalizeOutcome, OrderType, Side, Signal } from './signal';
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

type Body = Record<string, unknown>;

/**
 * Validates and normalizes a webhook body (already JSON-parsed) into a Signal, listing every problem.
 * Accepts the seed's field names and the aliases TradingView templates for other services use
 * (`ticker`, `action`, `price`, `stopLoss.stopPrice`, `takeProfit.limitPrice`) and numbers sent as
 * strings. Unknown fields, the secret included, are dropped. A missing trade_id is generated.
 */
export function normalizeSignal(
  body: unknown,
  newTradeId: () => string = randomUUID,
  contractOf: (symbol: string) => ContractFacts | null = () => null,
): NormalizeOutcome {
  if (!isPlainObject(body)) return { ok: false, problems: ['body: must be a JSON object'] };
  const problems: Problems = [];
  const { event_type, side, position_action } = readIntent(body, problems);
  const symbol = aliased(body, 'symbol', 'ticker');
  const signal: Partial<Signal> = {
    trade_id: present(body.trade_id) ? readText(body.trade_id, 'trade_id', problems, 128) : newTradeId(),
    event_type,
    position_action,
    symbol: symbol
      ? readText(symbol.value, symbol.field, problems, 64)
      : missing('symbol: is required (or ticker)', problems),
    side,
    quantity: readQuantity(body, problems),
    order_type: present(body.order_type)
      ? readChoice<OrderType>(body.order_type, 'order_type', problems, ['market', 'limit', 'stop'])
      : 'market',
    ...readPrices(body, problems, side, typeof symbol?.value === 'string' ? contractOf(symbol.value) : null),
    risk_percent: optional(body.risk_percent, (v) => readRiskPercent(v, problems)),
    ...readTargets(body, problems),
    session: optional(body.session, (v) => readText(v, 'session', problems, 64)),
    bias: optional(body.bias, (v) => readText(v, 'bias', problems, 64)),
  };
  checkCoherence(signal, problems);
  const unreplaced = unreplacedPlaceholders(body);
  if (unreplaced.length > 0) {
    // a placeholder field is named once, as a placeholder, not again as "must be a number"
    const fields = new Set(unreplaced.map((p) => p.slice(0, p.indexOf(':'))));
    problems.splice(
      0,
      problems.length,
      ...problems.filter((p) => !fields.has(p.slice(0, p.indexOf(':')))),
      ...unreplaced,
    );
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, signal: signal as Signal };
}

function readPrices(
  body: Body,
  problems: Problems,
  side: Side | null | undefined,
  contract: ContractFacts | null,
): Pick<Signal, 'entry_price' | 'stop_loss' | 'take_profit'> {
  const price = (found: { value: unknown; field: string } | undefined) =>
    found ? (readPrice(found.value, found.field, problems) ?? null) : null;
  const entry_price = price(aliased(body, 'entry_price', 'price'));
  const exit = (canonical: string, leg: ExitLeg, inner: string): number | null => {
    const found = aliased(body, canonical, leg);
    if (!found || found.field === canonical || !isPlainObject(found.value)) return price(found);
    if (present(found.value[inner])) return price({ value: found.value[inner], field: `${leg}.${inner}` });
    if (!side) return null; // an exit's stop means nothing; an entry without a side is already refused
    const named = present(body.symbol) ? body.symbol : body.ticker;
    const symbol = typeof named === 'string' ? named : '';
    const input = { leg, spec: found.value, side, entry: entry_price, symbol, contract };
    return relativeExitPrice(input, problems) ?? null;
  };
  return {
    entry_price,
    stop_loss: exit('stop_loss', 'stopLoss', 'stopPrice'),
    take_profit: exit('take_profit', 'takeProfit', 'limitPrice'),
  };
}

/** The canonical field when present, else its alias; undefined when neither is. */
function aliased(
  body: Body,
  canonical: string,
  alias: string,
): { value: unknown; field: string } | undefined {
  if (present(body[canonical])) return { value: body[canonical], field: canonical };
  if (present(body[alias])) return { value: body[alias], field: alias };
  return undefined;
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

/**
 * TradingView replaces `{{ticker}}`, `{{close}}`, `{{strategy.order.action}}` … only in an alert's message
 * box; a template pasted elsewhere, or a placeholder TradingView does not know, arrives as written. Such an
 * alert is refused naming each field, rather than read as a symbol called "{{ticker}}".
 */
function unreplacedPlaceholders(body: Body, prefix = '', depth = 0): string[] {
  const found: string[] = [];
  for (const [key, value] of Object.entries(body)) {
    if (key === 'secret') continue;
    const field = prefix + key;
    if (typeof value === 'string' && PLACEHOLDER.test(value))
      found.push(
        `${field}: "${value.match(PLACEHOLDER)![0]}" is a TradingView placeholder that was not replaced (send the alert from TradingView, or put a value)`,
      );
    else if (isPlainObject(value) && depth < 2)
      found.push(...unreplacedPlaceholders(value, `${field}.`, depth + 1));
  }
  return found;
}

const PLACEHOLDER = /\{\{[^{}]{1,64}\}\}/;

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
    problems.push(`entry_price: is required for a ${s.order_type} order (or price)`);
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

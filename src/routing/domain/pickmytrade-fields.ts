import { present, Problems, readNumber, readPrice } from './signal-fields';

type Body = Record<string, unknown>;

/**
 * PickMyTrade's alert JSON (README "Alert templates"): `symbol`, `data` (buy/sell/close), `quantity`,
 * `risk_percentage`, `price`, `tp`/`sl`, `trail`/`trail_stop`, … where **0 means "not set"** and values are often
 * strings ("0", "false"). Rewritten into PropRouter's fields before the normalizer reads the body; what
 * PropRouter cannot do as PickMyTrade means it is a problem naming the field, never silently ignored.
 */
export const PICKMYTRADE_FIELDS = [
  'risk_percentage',
  'tp',
  'sl',
  'percentage_tp',
  'dollar_tp',
  'percentage_sl',
  'dollar_sl',
  'trail',
  'trail_stop',
  'trail_trigger',
  'trail_freq',
  'update_tp',
  'update_sl',
  'token',
  'date',
  'platform',
  'duplicate_position_allow',
  'reverse_order_close',
  'pyramid',
  'same_direction_ignore',
  'multiple_accounts',
] as const;

/** A body in PickMyTrade's syntax: `data` for the action, or any field only PickMyTrade has. */
export function isPickMyTrade(body: Body): boolean {
  return (
    (present(body.data) && !present(body.action)) ||
    PICKMYTRADE_FIELDS.some((f) => f !== 'date' && f !== 'platform' && f in body)
  );
}

/** PickMyTrade's order_type codes (its Rithmic/Tradovate templates) → PropRouter's. */
const ORDER_TYPES: Record<string, string> = { MKT: 'market', LMT: 'limit', STP: 'stop' };

/**
 * The body with PickMyTrade's fields replaced by PropRouter's: `quantity` 0 dropped (size by risk),
 * `risk_percentage` (a percent: 1 = 1 %) → `risk_percent` (a fraction), `tp`/`sl` (prices) → `take_profit`/
 * `stop_loss`, `trail: 1` + `trail_stop` (a distance in points) → a trailing stop loss, `order_type` MKT/LMT/STP.
 * `token` and `date` are dropped (PropRouter checks its own `secret`; the alert's time is not needed).
 */
export function fromPickMyTrade(body: Body, problems: Problems): Body {
  const out: Body = {};
  for (const [k, v] of Object.entries(body)) {
    if (!(PICKMYTRADE_FIELDS as readonly string[]).includes(k)) out[k] = v;
  }
  if (isZero(body.quantity)) delete out.quantity;
  const risk = setNumber(body, 'risk_percentage', problems);
  if (risk !== undefined) {
    if (present(body.risk_percent)) problems.push('risk_percentage, risk_percent: give the risk once');
    else out.risk_percent = risk / 100;
  }
  const leg = (field: 'tp' | 'sl', canonical: 'take_profit' | 'stop_loss', alias: string) => {
    if (!present(body[field]) || isZero(body[field])) return;
    if (present(body[canonical]) || present(body[alias]))
      problems.push(`${field}, ${present(body[canonical]) ? canonical : alias}: give the ${canonical} once`);
    else out[canonical] = readPrice(body[field], field, problems) ?? null;
  };
  leg('tp', 'take_profit', 'takeProfit');
  leg('sl', 'stop_loss', 'stopLoss');
  readTrail(body, out, problems);
  refuseUnsupported(body, problems);
  if (typeof body.order_type === 'string' && ORDER_TYPES[body.order_type.trim().toUpperCase()])
    out.order_type = ORDER_TYPES[body.order_type.trim().toUpperCase()];
  return out;
}

/** What PropRouter cannot do as PickMyTrade means it: each a problem naming the field. */
function refuseUnsupported(body: Body, problems: Problems): void {
  for (const f of ['percentage_tp', 'dollar_tp', 'percentage_sl', 'dollar_sl'] as const)
    if (setNumber(body, f, problems) !== undefined)
      problems.push(
        `${f}: not supported (PickMyTrade's meaning depends on its account settings): give tp/sl as prices, or a stopLoss/takeProfit object with amount, ticks, percent, pnlAmount or dollars`,
      );
  for (const f of ['trail_trigger', 'trail_freq'] as const)
    if (setNumber(body, f, problems) !== undefined)
      problems.push(
        `${f}: a trailing stop that starts after a profit trigger is not supported (set it to 0)`,
      );
  for (const f of ['update_tp', 'update_sl'] as const)
    if (flag(body, f, problems) === true)
      problems.push(`${f}: moving an open position's brackets is not supported (set it to false)`);
  // PropRouter's position table (README "Alert semantics") is always: reversals close first, same side adds
  const fixed: [string, boolean, string][] = [
    [
      'reverse_order_close',
      true,
      'an opposite alert always closes the position before opening the other way',
    ],
    ['pyramid', true, 'an alert the way of the position always adds to it'],
    ['duplicate_position_allow', true, 'an alert the way of the position always adds to it'],
    ['same_direction_ignore', false, 'an alert the way of the position always adds to it'],
  ];
  for (const [f, supported, why] of fixed) {
    const v = flag(body, f, problems);
    if (v !== undefined && v !== supported)
      problems.push(`${f}: only ${String(supported)} is supported (${why})`);
  }
  if (
    Array.isArray(body.multiple_accounts)
      ? body.multiple_accounts.length > 0
      : present(body.multiple_accounts)
  )
    problems.push(
      "multiple_accounts: PickMyTrade's account list is not read: PropRouter's accounts (each with its own sizing) are configured in PropRouter; pick them with accounts, account_tags or firm_codes",
    );
}

/** `trail: 1` with `trail_stop` (points) → `stopLoss: {type: "trailing_stop", trailAmount}`. */
function readTrail(body: Body, out: Body, problems: Problems): void {
  const on = present(body.trail) ? readNumber(body.trail, 'trail', problems) : 0;
  const distance = setNumber(body, 'trail_stop', problems);
  if (on === undefined) return;
  if (on !== 0 && on !== 1) {
    problems.push('trail: must be 0 (off) or 1 (a trailing stop loss trail_stop points behind)');
    return;
  }
  if (on === 0) {
    if (distance !== undefined) problems.push('trail_stop: needs trail 1');
    return;
  }
  if (distance === undefined) {
    problems.push('trail_stop: is required with trail 1 (the trailing distance, in points)');
    return;
  }
  if (present(body.sl) && !isZero(body.sl))
    problems.push('sl, trail: give a fixed stop (sl) or a trailing one (trail), not both');
  else if (present(body.stopLoss) || present(body.stop_loss))
    problems.push('trail, stopLoss: give the stop loss once');
  else out.stopLoss = { type: 'trailing_stop', trailAmount: distance };
}

/** A number field that is set (present and not 0); undefined when unset or after naming the problem. */
function setNumber(body: Body, field: string, problems: Problems): number | undefined {
  if (!present(body[field])) return undefined;
  const n = readNumber(body[field], field, problems);
  if (n === undefined || n === 0) return undefined;
  if (n < 0) {
    problems.push(`${field}: must not be negative`);
    return undefined;
  }
  return n;
}

function flag(body: Body, field: string, problems: Problems): boolean | undefined {
  const v = body[field];
  if (!present(v)) return undefined;
  if (v === true || v === 'true' || v === 'True') return true;
  if (v === false || v === 'false' || v === 'False') return false;
  problems.push(`${field}: must be true or false`);
  return undefined;
}

function isZero(v: unknown): boolean {
  return (typeof v === 'number' && v === 0) || (typeof v === 'string' && /^\s*0+(\.0*)?\s*$/.test(v));
}

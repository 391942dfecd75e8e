import type { OrderType } from './signal';
import { present, Problems, readChoice, readPrice } from './signal-fields';

type Body = Record<string, unknown>;

/** Entry order types TradersPost documents that PropRouter refuses, and why (a 400, never a guess). */
const REFUSED_TYPES: Record<string, string> = {
  stop_limit: 'stop-limit entries are not supported (ProjectX has no stop-limit order); use limit or stop',
  trailing_stop:
    'trailing entry orders are not supported; for a trailing stop loss give stopLoss: {"type":"trailing_stop","trailAmount":…}',
};

export interface EntryOrder {
  order_type: OrderType | undefined;
  /** The limit order's limit or the stop order's trigger, when given in its own field; else null. */
  order_price: number | null;
}

/**
 * The entry's order type and its price: `order_type` or TradersPost's `orderType` (market, limit, stop);
 * a limit's price in `limitPrice` (or CrossTrade's `limit_price`), a stop's trigger in `stopPrice`
 * (`stop_price`). Without them a limit or stop order is placed at `price`/`entry_price` (the seed's meaning).
 * A price field for another order type, two names for one field, and TradersPost's `trailAmount` /
 * `trailPercent` (a trailing entry) are problems.
 */
export function readEntryOrder(body: Body, problems: Problems): EntryOrder {
  const typeField = oneOf(body, ['order_type', 'orderType'], problems);
  let order_type: OrderType | undefined = 'market';
  if (typeField) {
    const raw = body[typeField];
    const refused = typeof raw === 'string' ? REFUSED_TYPES[raw.trim().toLowerCase()] : undefined;
    if (refused) {
      problems.push(`${typeField}: ${refused}`);
      order_type = undefined;
    } else order_type = readChoice<OrderType>(raw, typeField, problems, ['market', 'limit', 'stop']);
  }
  for (const f of ['trailAmount', 'trailPercent'])
    if (present(body[f])) problems.push(`${f}: ${REFUSED_TYPES.trailing_stop}`);
  const limit = oneOf(body, ['limitPrice', 'limit_price'], problems);
  const stop = oneOf(body, ['stopPrice', 'stop_price'], problems);
  const misplaced = (field: string | undefined, wants: OrderType) => {
    if (field && order_type !== undefined && order_type !== wants)
      problems.push(
        `${field}: is the price of a ${wants} order (orderType ${wants}), not of a ${order_type} one`,
      );
  };
  misplaced(limit, 'limit');
  misplaced(stop, 'stop');
  const field = order_type === 'limit' ? limit : order_type === 'stop' ? stop : undefined;
  const order_price = field ? (readPrice(body[field], field, problems) ?? null) : null;
  return { order_type, order_price };
}

/** The one field of `names` the body gives; undefined when none; a problem when several. */
export function oneOf(body: Body, names: readonly string[], problems: Problems): string | undefined {
  const given = names.filter((n) => present(body[n]));
  if (given.length > 1) problems.push(`${given.join(', ')}: give it once (they are the same field)`);
  return given[0];
}

import type { PlatformState } from '../../application/ports/broker-connector.port';
import type { PositionPicture } from '../../application/ports/connector-gateway.port';
import type { RequestGate } from '../../application/rate-limiter';
import type { PlatformFill, PlatformWorkingOrder } from '../../../shared-kernel/platform-state';
import type { RestConfig } from '../config/rest.config';
import {
  classifyHttpError,
  malformedResponse,
  parseJsonBody,
  requireJsonObject,
} from '../http/http-error.classifier';
import { decimalText, orderFills } from '../state/decimal-text';
import type { PlatformHttpClient } from '../http/platform-http-client';

type Json = Record<string, unknown>;

/** The generic REST answers an account's state is read from (the contract is in fakes/rest-fake.ts). */
export interface RestStateAnswers {
  account: Json;
  positions: Json;
  fills: Json;
  orders: Json;
}

const TYPES: Record<string, PlatformWorkingOrder['type']> = {
  MARKET: 'MARKET',
  LIMIT: 'LIMIT',
  STOP: 'STOP',
};
const text = (v: unknown): string | null =>
  typeof v === 'string' || typeof v === 'number' ? String(v) : null;
const side = (v: unknown): 'BUY' | 'SELL' => (String(v).toUpperCase() === 'SELL' ? 'SELL' : 'BUY');
const list = (body: Json, key: string): Json[] => {
  const value = body[key];
  if (!Array.isArray(value)) throw malformedResponse(body, false);
  return value.filter((x): x is Json => !!x && typeof x === 'object');
};

/** GETs the four state routes of one account (through the connection's rate-limit gate). */
export async function readRestAnswers(
  config: RestConfig,
  http: PlatformHttpClient,
  gate: RequestGate,
  accountId: string,
  fillsSince: Date | null,
): Promise<RestStateAnswers> {
  const get = async (path: string, params?: Record<string, string>): Promise<Json> => {
    await gate.acquire('request');
    try {
      const headers = { Authorization: `Bearer ${config.apiKey}` };
      const res = await http.request({ method: 'GET', url: `${config.baseUrl}${path}`, params, headers });
      return requireJsonObject(parseJsonBody(res.text, false), false);
    } catch (e) {
      throw classifyHttpError(e, { write: false });
    }
  };
  const account_id = accountId;
  const since: Record<string, string> = fillsSince ? { since: fillsSince.toISOString() } : {};
  const [account, positions, fills, orders] = await Promise.all([
    get(`/accounts/${encodeURIComponent(accountId)}`),
    get('/positions', { account_id }),
    get('/fills', { account_id, ...since }),
    get('/orders', { account_id, status: 'working' }),
  ]);
  return { account, positions, fills, orders };
}

/** One account's state from the generic REST answers; money and prices as exact decimal text. */
export function restState(a: RestStateAnswers): PlatformState {
  const fills: PlatformFill[] = list(a.fills, 'fills').map((f) => ({
    fillId: String(f.fill_id),
    orderId: text(f.order_id),
    clientOrderId: text(f.client_order_id),
    symbol: String(f.symbol),
    side: side(f.side),
    quantity: Number(f.quantity),
    price: decimalText(f.price) ?? '0',
    filledAt: String(f.filled_at),
  }));
  return {
    balance: decimalText(a.account.balance),
    openPnl: decimalText(a.account.open_pnl),
    realizedPnl: decimalText(a.account.realized_pnl),
    positions: positions(a.positions),
    fills: orderFills(fills),
    workingOrders: list(a.orders, 'orders').map(working),
  };
}

/**
 * One symbol of one account from `GET {base}/positions?account_id=` and `GET {base}/orders?status=working`:
 * the generic API names contracts by the symbol as sent (upper-cased), so the symbol is matched as such.
 */
export function restPosition(positionsBody: Json, ordersBody: Json, symbol: string): PositionPicture {
  const wanted = symbol.trim().toUpperCase();
  const mine = (s: string) => s.trim().toUpperCase() === wanted;
  return {
    symbol: wanted,
    netQuantity: positions(positionsBody)
      .filter((p) => mine(p.symbol))
      .reduce((sum, p) => sum + p.netQuantity, 0),
    workingOrders: list(ordersBody, 'orders')
      .map(working)
      .filter((o) => mine(o.symbol)),
  };
}

/** `open_positions` when the API gives them; else the plain `{positions: {SYMBOL: net}}` without prices. */
function positions(body: Json): PlatformState['positions'] {
  if (Array.isArray(body.open_positions)) {
    return list(body, 'open_positions')
      .filter((p) => Number(p.quantity) !== 0)
      .map((p) => ({
        symbol: String(p.symbol),
        netQuantity: Number(p.quantity),
        averagePrice: decimalText(p.average_price),
      }));
  }
  const nets = body.positions;
  if (!nets || typeof nets !== 'object') throw malformedResponse(body, false);
  return Object.entries(nets as Record<string, unknown>)
    .filter(([, net]) => Number(net) !== 0)
    .map(([symbol, net]) => ({ symbol, netQuantity: Number(net), averagePrice: null }));
}

function working(o: Json): PlatformWorkingOrder {
  const type = TYPES[String(o.order_type).toUpperCase()] ?? 'OTHER';
  const level = decimalText(o.price ?? o.entry_price);
  return {
    orderId: String(o.order_id),
    clientOrderId: text(o.client_order_id),
    symbol: String(o.symbol),
    side: side(o.side),
    quantity: Number(o.quantity),
    type,
    stopPrice: type === 'STOP' ? level : null,
    limitPrice: type === 'LIMIT' ? level : null,
  };
}

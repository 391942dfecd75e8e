import Decimal from 'decimal.js';
import { type Json, ok, type Reply } from './http-fake';
import type { TvOrder } from './tradovate-shapes';

/**
 * The Tradovate fake's order strategies (`/orderstrategy/startorderstrategy`, orderStrategyTypeId 2
 * "multibracket"): `params` is a JSON string `{entryVersion:{orderQty,orderType,price?,stopPrice?},
 * brackets:[{qty,profitTarget?,stopLoss,trailingStop,breakeven?,breakevenPlus?}]}` whose bracket levels are
 * signed price offsets from the entry's fill (a Buy's stopLoss negative, profitTarget positive). `breakeven`
 * (points of profit) moves the stop to the fill + `breakevenPlus` once the market reaches it. The fake places
 * it as the OSO it amounts to, at the entry's expected fill price, and links the orders to the strategy
 * (`/orderstrategylink/deps`), as Tradovate lists them.
 */
export interface TvStrategy {
  id: number;
  accountId: number;
  uuid: string | null;
  action: 'Buy' | 'Sell';
  orderStrategyTypeId: number;
  params: string;
  status: string;
  timestamp: string;
}

export interface TvStrategyLink {
  id: number;
  orderStrategyId: number;
  orderId: number;
  label: 'Entry' | 'Bracket1' | 'Bracket2';
}

export interface StrategyPlan {
  entry: Json;
  stopLoss: Decimal;
  profitTarget: Decimal | null;
  trailing: boolean;
  /** Points of profit that move the stop to the fill + plus; null: no break-even. */
  breakEven: { trigger: Decimal; plus: Decimal } | null;
}

/** The strategy's entry and its one bracket, or why Tradovate would refuse it. */
export function strategyPlan(body: Json): StrategyPlan | { problem: string } {
  if (body.orderStrategyTypeId !== 2) return { problem: 'orderStrategyTypeId must be 2 (multibracket)' };
  if (typeof body.params !== 'string') return { problem: 'params must be a JSON string' };
  let params: Json;
  try {
    params = JSON.parse(body.params) as Json;
  } catch {
    return { problem: 'params is not valid JSON' };
  }
  const entry = (params.entryVersion ?? {}) as Json;
  const brackets = Array.isArray(params.brackets) ? (params.brackets as Json[]) : [];
  if (brackets.length !== 1) return { problem: 'the fake takes exactly one bracket' };
  const b = brackets[0];
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? new Decimal(v) : null);
  const stopLoss = num(b.stopLoss);
  const profitTarget = b.profitTarget === undefined ? null : num(b.profitTarget);
  const buy = body.action === 'Buy';
  if (!stopLoss || stopLoss.isZero() || stopLoss.isNegative() !== buy)
    return {
      problem: `bracket stopLoss must be a ${buy ? 'negative' : 'positive'} offset for a ${String(body.action)}`,
    };
  if (profitTarget && profitTarget.isNegative() === buy)
    return { problem: `bracket profitTarget must be a ${buy ? 'positive' : 'negative'} offset` };
  if (b.qty !== entry.orderQty) return { problem: 'bracket qty must equal entryVersion.orderQty' };
  const trigger = b.breakeven === undefined ? null : num(b.breakeven);
  if (b.breakeven !== undefined && (!trigger || !trigger.isPositive()))
    return { problem: 'bracket breakeven must be a positive number of points' };
  return {
    entry,
    stopLoss,
    profitTarget,
    trailing: b.trailingStop === true,
    breakEven: trigger ? { trigger, plus: num(b.breakevenPlus) ?? new Decimal(0) } : null,
  };
}

/**
 * The placeoso body the strategy amounts to once its entry fills at `fill`: the target a Limit, the stop a
 * Stop (a TrailingStop with `trailingStop`), both the other way, at the fill plus their offsets.
 */
export function osoBody(body: Json, plan: StrategyPlan, fill: Decimal): Json {
  const exit = body.action === 'Buy' ? 'Sell' : 'Buy';
  const stopPrice = fill.plus(plan.stopLoss).toNumber();
  const stop: Json = plan.trailing
    ? { action: exit, orderType: 'TrailingStop', stopPrice, pegDifference: plan.stopLoss.toNumber() }
    : { action: exit, orderType: 'Stop', stopPrice };
  const target = plan.profitTarget && {
    action: exit,
    orderType: 'Limit',
    price: fill.plus(plan.profitTarget).toNumber(),
  };
  const { orderQty, orderType, price, stopPrice: entryStop } = plan.entry;
  return {
    accountId: body.accountId,
    accountSpec: body.accountSpec,
    action: body.action,
    symbol: body.symbol,
    orderQty,
    orderType,
    ...(price !== undefined ? { price } : {}),
    ...(entryStop !== undefined ? { stopPrice: entryStop } : {}),
    isAutomated: body.isAutomated,
    ...(target ? { bracket1: target, bracket2: stop } : { bracket1: stop }),
  };
}

/** What starting a strategy needs of the order book and the market. */
export interface StrategyHost {
  /** Places a placeoso body; the answer's body ({orderId, oso1Id, oso2Id} or {failureText}). */
  place(oso: Json): Json;
  marketPrice(symbol: string): Decimal;
  /** The OSO legs placed with the entry. */
  legsOf(entryId: number): readonly TvOrder[];
}

/** The started strategies and the links of their orders (`/orderstrategy/list`, `/orderstrategylink/deps`). */
export class TradovateStrategies {
  private strategies: TvStrategy[] = [];
  private links: TvStrategyLink[] = [];
  private nextId = 70001;

  clear(): void {
    this.strategies = [];
    this.links = [];
  }

  /** GET /orderstrategy/list and /orderstrategylink/deps?masterid=; undefined for any other path. */
  read(path: string, q: URLSearchParams): Reply | undefined {
    if (path === '/orderstrategy/list') return ok(this.strategies);
    if (path === '/orderstrategylink/deps')
      return ok(this.links.filter((l) => l.orderStrategyId === Number(q.get('masterid'))));
    return undefined;
  }

  /**
   * Placed as the OSO it amounts to at the entry's expected fill (a limit at its price, a stop at its trigger,
   * a market order at the market), its orders linked to the strategy; a break-even stop moves to the fill +
   * breakevenPlus once the market reaches the fill + breakeven.
   */
  start(body: Json, host: StrategyHost): Reply {
    const plan = strategyPlan(body);
    if ('problem' in plan) return ok({ errorText: plan.problem });
    const e = plan.entry;
    const level = e.orderType === 'Limit' ? e.price : e.orderType === 'Stop' ? e.stopPrice : undefined;
    const fill = typeof level === 'number' ? new Decimal(level) : host.marketPrice(String(body.symbol));
    const placed = host.place(osoBody(body, plan, fill));
    if (typeof placed.orderId !== 'number') return ok({ errorText: String(placed.failureText) });
    const strategy: TvStrategy = {
      id: this.nextId++,
      accountId: Number(body.accountId),
      uuid: typeof body.uuid === 'string' ? body.uuid : null,
      action: body.action === 'Sell' ? 'Sell' : 'Buy',
      orderStrategyTypeId: 2,
      params: String(body.params),
      status: 'ExecutionStarted',
      timestamp: new Date().toISOString(),
    };
    this.strategies.push(strategy);
    const labels = { orderId: 'Entry', oso1Id: 'Bracket1', oso2Id: 'Bracket2' } as const;
    for (const [key, label] of Object.entries(labels)) {
      const orderId = placed[key];
      if (typeof orderId === 'number')
        this.links.push({ id: this.nextId++, orderStrategyId: strategy.id, orderId, label });
    }
    const stop = host.legsOf(placed.orderId).find((o) => ['Stop', 'TrailingStop'].includes(o.record.type));
    if (stop && plan.breakEven) {
      const away = (d: Decimal) => (body.action === 'Buy' ? fill.plus(d) : fill.minus(d));
      stop.breakEven = { at: away(plan.breakEven.trigger), to: away(plan.breakEven.plus) };
    }
    return ok({ orderStrategy: strategy });
  }
}

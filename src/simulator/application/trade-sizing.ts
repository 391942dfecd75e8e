import Decimal from 'decimal.js';
import type { ProgramRecord } from '../../registry/application/ports/program-catalog.port';
import type {
  PositionSizer,
  SizingRequest,
  SizingResult,
} from '../../sizing/application/ports/position-sizer.port';
import { AppError } from '../../platform/errors/app-error';
import type { TradeRecord } from '../domain/trade-record';
import type { Refusal } from './program-setup';
import type { SizingChoice } from './ports/replay-simulator.port';
import type { MoneyScale } from './scaled-money';

export type Quantities = (number | Refusal)[];

/** The stop distance of each trade for a re-sized replay: its own stop, else `stopPoints`; every trade without either is named. */
export function stopDistances(
  trades: readonly TradeRecord[],
  stopPoints: string | null | undefined,
): Decimal[] {
  const fallback = stopPoints ? new Decimal(stopPoints) : null;
  const missing: string[] = [];
  const out = trades.map((t) => {
    const d = t.stopLoss ? t.entryPrice.minus(t.stopLoss).abs() : fallback;
    if (!d || d.lte(0)) missing.push(t.ref);
    return d ?? new Decimal(0);
  });
  if (missing.length > 0)
    throw AppError.validation([
      `stop_points: risk sizing needs a stop distance; ${missing.length} trade(s) have no stop_loss (first: ${missing.slice(0, 5).join(', ')}): give stop_points`,
    ]);
  return out;
}

/**
 * One program's quantities. Sizing reads the account's profit (a scaling ladder): the PositionSizer says at which
 * profits its answer may change (`profitBreaks`), so each trade is sized once per band of profit and the replay
 * takes the band the account is in when the trade is entered.
 */
export interface SizedTrades {
  /** Ascending account profits (balance − account size) at which the sizing may change; [] → one band. */
  breaks: Decimal[];
  /** `bands[b][i]`: trade i's quantity (or a sizing refusal) while the profit is in band b (b breaks reached). */
  bands: Quantities[];
  /**
   * Size to fit (a quantity sizing computed, as the live router asks the gate for an account in risk mode): the
   * gate may size it down to no fewer than `minQuantity`; null: the quantity is validated, never changed.
   */
  fit: { minQuantity: number } | null;
}

/** Which band of SizedTrades an account is in: how many profit breaks its balance has reached. */
export class SizingBands {
  /** The balances at which the band changes (account size + each break). */
  private readonly breaks: Decimal[];
  private readonly unitBreaks: number[] | null;

  constructor(sized: SizedTrades, accountSize: Decimal, scale: MoneyScale | null) {
    this.breaks = sized.breaks.map((b) => accountSize.plus(b));
    const units = scale ? this.breaks.map((b) => scale.units(b)) : [];
    this.unitBreaks = scale && units.every((b) => b !== null) ? (units as number[]) : null;
  }

  /** The band of an account in units (`units`) or in decimals (`state`). */
  band(units: { balance: number; scale: MoneyScale } | null, state: { balance: Decimal }): number {
    const b = this.breaks;
    let n = 0;
    if (b.length === 0) return 0;
    if (units && this.unitBreaks) {
      while (n < b.length && units.balance >= this.unitBreaks[n]) n++;
      return n;
    }
    const balance = units ? units.scale.decimal(units.balance) : state.balance;
    while (n < b.length && balance.gte(b[n])) n++;
    return n;
  }
}

/** As traded: the file's quantities, validated by the gate. */
export function asTraded(trades: readonly TradeRecord[]): SizedTrades {
  return { breaks: [], bands: [trades.map((t) => t.quantity)], fit: null };
}

/**
 * Each program's quantity for each trade, by the live sizing (PositionSizer): one request per program, band of
 * profit (band 0: `accountProfit` null, the first rung; band b: the b-th break) and distinct (symbol, stop
 * distance) or (symbol, quantity), all in one call. As traded: the file's quantities. A sizing rejection is a
 * Refusal (the trade is not sent on that program).
 */
export async function quantitiesFor(
  sizer: PositionSizer,
  programs: readonly ProgramRecord[],
  trades: readonly TradeRecord[],
  choice: SizingChoice,
  distances: readonly Decimal[] | null,
): Promise<Map<number, SizedTrades>> {
  if (choice.mode === 'as_traded') {
    const same = asTraded(trades);
    return new Map(programs.map((p) => [p.id, same]));
  }
  const tradeKeys = sizingKeys(trades, choice, distances);
  const distinct = new Map<string, SizingRequest>();
  trades.forEach((t, i) => {
    const key = tradeKeys[i];
    if (!distinct.has(key)) distinct.set(key, requestOf(t, choice, distances?.[i] ?? null));
  });
  const keys = [...distinct.keys()];
  const breaks = await sizer.profitBreaks(programs.map((p) => ({ firmCode: p.firmCode, programId: p.id })));
  const requests = programs.flatMap((p, pi) =>
    [null, ...breaks[pi]].flatMap((accountProfit) =>
      keys.map((k) => ({ ...distinct.get(k)!, firmCode: p.firmCode, programId: p.id, accountProfit })),
    ),
  );
  const results = await sizer.size(requests);
  let at = 0;
  return new Map(
    programs.map((p, pi) => {
      const mine = results.slice(at, (at += (breaks[pi].length + 1) * keys.length));
      return [p.id, sizedOf(mine, keys, tradeKeys, breaks[pi], choice)];
    }),
  );
}

/** One program's SizedTrades from its results: band by band, each key's answer. */
function sizedOf(
  results: readonly SizingResult[],
  keys: readonly string[],
  tradeKeys: readonly string[],
  breaks: readonly number[],
  choice: SizingChoice,
): SizedTrades {
  const bands = [null, ...breaks].map((_, b) => {
    const byKey = new Map(keys.map((k, ki) => [k, quantityOf(results[b * keys.length + ki])]));
    return tradeKeys.map((k) => byKey.get(k)!);
  });
  return {
    breaks: breaks.map((x) => new Decimal(x)),
    bands,
    fit: choice.mode === 'risk' ? { minQuantity: minQuantityOf(results) } : null,
  };
}

/** Sizing's minimum (`details.min_contracts`, the env `{FIRM}_{ID}_MIN_CONTRACTS`), else 1: as the live router. */
function minQuantityOf(results: readonly SizingResult[]): number {
  const min = results.find((r) => r.status === 'APPROVED')?.details.min_contracts;
  return typeof min === 'number' && Number.isInteger(min) && min >= 1 ? min : 1;
}

/** The stop distances' sizing keys, per distances array (a risk search sizes the same trades at every step). */
const riskKeys = new WeakMap<readonly Decimal[], string[]>();

/** Each trade's sizing key: (symbol, stop distance) or (symbol, quantity); trades with one key size alike. */
function sizingKeys(
  trades: readonly TradeRecord[],
  choice: SizingChoice,
  distances: readonly Decimal[] | null,
): string[] {
  if (choice.mode !== 'risk') return trades.map((t) => `${t.symbol}|${t.quantity}`);
  let keys = riskKeys.get(distances!);
  if (!keys) {
    keys = trades.map((t, i) => `${t.symbol}|${distances![i].toString()}`);
    riskKeys.set(distances!, keys);
  }
  return keys;
}

function quantityOf(r: SizingResult): number | Refusal {
  return r.status === 'APPROVED' && r.computed_quantity !== null
    ? r.computed_quantity
    : { rule: r.rule ?? 'SIZING_REJECTED', reason: r.reason ?? 'sizing rejected the trade' };
}

function requestOf(t: TradeRecord, choice: SizingChoice, distance: Decimal | null): SizingRequest {
  const base = { firmCode: '', programId: 0, symbol: t.symbol, accountProfit: null };
  if (choice.mode === 'risk')
    // only the distance matters to the rule: entry = distance, stop = 0 states it exactly
    return {
      ...base,
      entryPrice: distance!.toNumber(),
      stopLoss: 0,
      riskPercent: Number(choice.riskPercent),
      quantity: null,
    };
  return {
    ...base,
    entryPrice: null,
    stopLoss: null,
    riskPercent: null,
    quantity: t.quantity,
    account: {
      mode: 'multiplier',
      fixedQuantity: null,
      quantityMultiplier: (choice as { multiplier: string }).multiplier,
      maxContracts: null,
    },
  };
}

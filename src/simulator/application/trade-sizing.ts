import Decimal from 'decimal.js';
import type { ProgramRecord } from '../../registry/application/ports/program-catalog.port';
import type {
  PositionSizer,
  SizingRequest,
  SizingResult,
} from '../../sizing/application/ports/position-sizer.port';
import { AppError } from '../../platform/errors/app-error';
import type { TradeRecord } from '../domain/trade-record';
import type { Refusal } from './program-replay';
import type { SizingChoice } from './ports/replay-simulator.port';

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
 * Each program's quantity for each trade, by the live sizing (PositionSizer): one request per program and
 * distinct (symbol, stop distance) or (symbol, quantity), all in one call. As traded: the file's quantities.
 * A sizing rejection is a Refusal (the trade is not sent on that program).
 */
export async function quantitiesFor(
  sizer: PositionSizer,
  programs: readonly ProgramRecord[],
  trades: readonly TradeRecord[],
  choice: SizingChoice,
  distances: readonly Decimal[] | null,
): Promise<Map<number, Quantities>> {
  if (choice.mode === 'as_traded') {
    const same = trades.map((t) => t.quantity);
    return new Map(programs.map((p) => [p.id, same]));
  }
  const tradeKeys = sizingKeys(trades, choice, distances);
  const distinct = new Map<string, SizingRequest>();
  trades.forEach((t, i) => {
    const key = tradeKeys[i];
    if (!distinct.has(key)) distinct.set(key, requestOf(t, choice, distances?.[i] ?? null));
  });
  const keys = [...distinct.keys()];
  const requests = programs.flatMap((p) =>
    keys.map((k) => ({ ...distinct.get(k)!, firmCode: p.firmCode, programId: p.id })),
  );
  const results = await sizer.size(requests);
  return new Map(
    programs.map((p, pi) => {
      const byKey = new Map(keys.map((k, ki) => [k, quantityOf(results[pi * keys.length + ki])]));
      return [p.id, tradeKeys.map((k) => byKey.get(k)!)];
    }),
  );
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

import type { OrderIntent } from '../order-intent';
import { NO_PENDING, PendingExposure, worstPosition } from '../pending-exposure';
import { deny, RuleOutcome } from '../risk-denial';

/** The program's limit counted in micros: 1 mini = `ratio` micros (Topstep: 5 minis = 50 micros). */
export interface MicroCount {
  ratio: number;
  /** The order's contract is a micro. */
  orderMicro: boolean;
  /** The open position in micros (signed): each mini line × ratio, each micro line × 1. */
  openMicros: number;
}

/**
 * The micro count of an account for an order: each open line in micros (a mini line × ratio); a position
 * known only by its total (no lines) counts as minis, the larger.
 */
export function countInMicros(
  ratio: number,
  orderMicro: boolean,
  state: { positions: readonly { symbol: string; netQuantity: number }[]; openContracts: number },
  isMicro: (symbol: string) => boolean,
): MicroCount {
  const openMicros =
    state.positions.length === 0
      ? state.openContracts * ratio
      : state.positions.reduce((sum, p) => sum + p.netQuantity * (isMicro(p.symbol) ? 1 : ratio), 0);
  return { ratio, orderMicro, openMicros };
}

export interface PositionSizeInput {
  order: OrderIntent;
  /** `{FIRM}_MAX_POSITION_SIZE` (contracts, one for one). */
  firmLimit: number | null;
  /** The program's max contracts (minis; micros count 1/ratio with `micros`). */
  programLimit: number | null;
  /** Signed open contracts of the program account (0 without one). */
  openContracts: number;
  /** Entry contracts sent but not yet reported filled (and approved earlier from the same read); none when absent. */
  pending?: PendingExposure;
  /** Set when the firm counts micros as a fraction of a mini against the program's limit. */
  micros?: MicroCount | null;
  programId: number | null;
}

/**
 * Rule 5: the position after this order (open contracts netted with the order, in contracts)
 * must not exceed the tighter of the firm's and the program's limit. An unknown quantity counts
 * as the smallest possible order, one contract. Pending entry orders count as if they filled, on the
 * side that makes the position larger (worstPosition). With a micro ratio the program's limit is checked
 * in micros (10 MNQ = 1 NQ); pending orders, whose contract is not known here, count as minis.
 */
export function checkPositionSize(input: PositionSizeInput): RuleOutcome {
  const micros = input.micros ?? null;
  if (micros === null || input.programLimit === null) {
    const limits = [input.firmLimit, input.programLimit].filter((l): l is number => l !== null);
    return limits.length === 0 ? null : checkContracts(input, Math.min(...limits));
  }
  return (
    (input.firmLimit === null ? null : checkContracts(input, input.firmLimit)) ??
    checkMicros(input, input.programLimit, micros)
  );
}

function checkContracts(input: PositionSizeInput, limit: number): RuleOutcome {
  const signed = signedQuantity(input.order);
  const pending = input.pending ?? NO_PENDING;
  const projected = worstPosition(input.openContracts, pending, signed);
  if (projected <= limit) return null;
  const hasPending = pending.buy > 0 || pending.sell > 0;
  return deny(
    'MAX_POSITION_SIZE',
    `Position would be ${projected} contracts${hasPending ? ' with the orders pending' : ''}, above the limit of ${limit}`,
    {
      ...common(input, limit, pending),
      projected_contracts: projected,
      headroom: Math.max(0, limit - worstPosition(input.openContracts, pending)),
    },
  );
}

function checkMicros(input: PositionSizeInput, limit: number, m: MicroCount): RuleOutcome {
  const pending = input.pending ?? NO_PENDING;
  const pendingMicros = { buy: pending.buy * m.ratio, sell: pending.sell * m.ratio };
  const signed = signedQuantity(input.order) * (m.orderMicro ? 1 : m.ratio);
  const projected = worstPosition(m.openMicros, pendingMicros, signed);
  const limitMicros = limit * m.ratio;
  if (projected <= limitMicros) return null;
  return deny(
    'MAX_POSITION_SIZE',
    `Position would be ${projected} micros (${m.ratio} micros = 1 mini), above the limit of ${limit} minis (${limitMicros} micros)`,
    {
      ...common(input, limit, pending),
      micro_ratio: m.ratio,
      open_micros: m.openMicros,
      projected_micros: projected,
      headroom_micros: Math.max(0, limitMicros - worstPosition(m.openMicros, pendingMicros)),
    },
  );
}

/**
 * Size to fit: the largest quantity of the order's contract that rule 5 allows on the order's side, counting
 * the pending orders that grow that side (null: no limit). A micro order's room is in micros, a mini's in
 * whole minis (⌊micros ÷ ratio⌋). An order that nets against an opposite position gets the room of the flip.
 */
export function positionRoom(
  input: Omit<PositionSizeInput, 'order'> & { side: 'buy' | 'sell' },
): number | null {
  const pending = input.pending ?? NO_PENDING;
  const grown = (open: number, p: { buy: number; sell: number }) =>
    input.side === 'buy' ? open + p.buy : p.sell - open;
  const micros = input.micros ?? null;
  const inContracts = micros === null ? [input.firmLimit, input.programLimit] : [input.firmLimit];
  const rooms = inContracts
    .filter((l): l is number => l !== null)
    .map((limit) => limit - grown(input.openContracts, pending));
  if (micros !== null && input.programLimit !== null) {
    const pendingMicros = { buy: pending.buy * micros.ratio, sell: pending.sell * micros.ratio };
    const room = input.programLimit * micros.ratio - grown(micros.openMicros, pendingMicros);
    rooms.push(micros.orderMicro ? room : Math.floor(room / micros.ratio));
  }
  return rooms.length === 0 ? null : Math.min(...rooms);
}

function signedQuantity(order: OrderIntent): number {
  const quantity = order.quantity ?? 1;
  return order.side === 'buy' ? quantity : -quantity;
}

function common(input: PositionSizeInput, limit: number, pending: PendingExposure) {
  const hasPending = pending.buy > 0 || pending.sell > 0;
  return {
    limit,
    firm_limit: input.firmLimit,
    program_max_contracts: input.programLimit,
    open_contracts: input.openContracts,
    ...(hasPending ? { pending_buy_contracts: pending.buy, pending_sell_contracts: pending.sell } : {}),
    requested_quantity: input.order.quantity,
    program_id: input.programId,
  };
}

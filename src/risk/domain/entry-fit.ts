import Decimal from 'decimal.js';
import { ContractRoom, fitQuantity, LossRoom } from './fit-quantity';
import { contractLimitOf } from './contract-scaling';
import { worstCaseLoss } from './order-intent';
import { num, RiskDenial, RuleOutcome } from './risk-denial';
import { accountPointValue, evaluateOrder, ProgramAccount, RiskEvaluationInput } from './risk-evaluation';
import { dailyLimitOf, dailyLossHeadroom } from './rules/daily-loss.rule';
import { drawdownHeadroom } from './rules/max-loss.rule';
import { perTradeLimitAmount } from './rules/per-trade-loss.rule';
import { positionRoom } from './rules/position-size.rule';

/** The rules whose denial a smaller quantity can lift: the contract limits and the loss rooms. */
const FITTING_RULES = new Set([
  'MAX_POSITION_SIZE',
  'MAX_RISK_PERCENT',
  'PER_TRADE_LOSS_LIMIT',
  'DAILY_LOSS_LIMIT',
  'MAX_LOSS_LIMIT',
]);

/** The gate may size this entry down, to no fewer than `minQuantity` contracts (a quantity sizing computed). */
export interface SizeToFit {
  minQuantity: number;
}

/** An entry approved at a smaller quantity than asked: the rule that capped it, in the shape sizing caps with. */
export interface FittedEntry {
  quantity: number;
  rule: string;
  reason: string;
  details: Record<string, unknown>;
}

export interface EntryOutcome {
  denial: RuleOutcome;
  fitted: FittedEntry | null;
}

/**
 * Issue 16, size to fit: an entry denied because its quantity's stop-out would cross a loss room (daily loss,
 * drawdown floor, per-trade, risk percent) or a contract limit is sized down to the largest whole quantity that
 * fits every targeted program, then checked again by every rule; it is denied only when that is below the
 * minimum. Without `fit` (a quantity the trader gave) the quantity is validated, never changed.
 */
export function evaluateWithFit(i: RiskEvaluationInput, fit: SizeToFit | null): EntryOutcome {
  const denial = evaluateOrder(i);
  const requested = i.order.quantity;
  if (!denial || !fit || requested === null || i.order.eventType !== 'entry') return { denial, fitted: null };
  if (!FITTING_RULES.has(denial.rule)) return { denial, fitted: null };
  const largest = largestFit(i, requested);
  if (largest.quantity >= requested) return { denial, fitted: null };
  if (largest.quantity < fit.minQuantity) return { denial: belowMinimum(denial, largest, fit), fitted: null };
  const smaller = { ...i, order: { ...i.order, quantity: largest.quantity } };
  if (evaluateOrder(smaller) !== null) return { denial, fitted: null };
  return { denial: null, fitted: fitted(requested, largest) };
}

interface LargestFit {
  quantity: number;
  cappedBy: string | null;
  programId: number | null;
  perContract: Decimal | null;
  rooms: Record<string, number | null>;
}

/** The smallest of every program account's fit, naming the first rule and program that set it. */
export function largestFit(i: RiskEvaluationInput, requested: number): LargestFit {
  const firmLimit = i.rules.maxPositionSize;
  const firmRoom: ContractRoom[] = firmLimit === null ? [] : [{ rule: 'MAX_POSITION_SIZE', room: firmLimit }];
  let best: LargestFit = {
    quantity: requested,
    cappedBy: null,
    programId: null,
    perContract: null,
    rooms: {},
  };
  const first = fitQuantity({
    requested,
    perContract: new Decimal(0),
    contractRooms: firmRoom,
    lossRooms: [],
  });
  if (first.cappedBy) best = { ...best, quantity: first.quantity, cappedBy: first.cappedBy };
  for (const a of i.accounts) {
    const perContract = worstCaseLoss({ ...i.order, quantity: 1 }, accountPointValue(i, a));
    const contractRooms = contractRoomsOf(i, a);
    const lossRooms = perContract === null ? [] : lossRoomsOf(i, a);
    const f = fitQuantity({
      requested: best.quantity,
      perContract: perContract ?? new Decimal(0),
      contractRooms,
      lossRooms,
    });
    if (f.cappedBy === null) continue;
    const rooms = Object.fromEntries([
      ...contractRooms.map((c) => [c.rule, c.room] as const),
      ...lossRooms.map((l) => [l.rule, num(l.room)] as const),
    ]);
    best = { quantity: f.quantity, cappedBy: f.cappedBy, programId: a.program.programId, perContract, rooms };
  }
  return best;
}

function contractRoomsOf(i: RiskEvaluationInput, a: ProgramAccount): ContractRoom[] {
  const room = positionRoom({
    side: i.order.side,
    firmLimit: i.rules.maxPositionSize,
    programLimit: contractLimitOf(a.program, a.state).limit,
    openContracts: a.state.openContracts,
    pending: a.pending,
    micros: a.micros,
    programId: a.program.programId,
  });
  return room === null ? [] : [{ rule: 'MAX_POSITION_SIZE', room }];
}

/** The rooms in the gate's order, each computed by the rule that owns it; pending worst cases spend the day's and the floor's. */
function lossRoomsOf(i: RiskEvaluationInput, a: ProgramAccount): LossRoom[] {
  const rooms: LossRoom[] = [];
  const pending = a.pendingLoss ?? new Decimal(0);
  const riskLimit = i.rules.maxRiskPercent ?? a.program.maxRiskPercent;
  if (riskLimit !== null && a.program.accountSize.gt(0))
    rooms.push({
      rule: 'MAX_RISK_PERCENT',
      room: a.program.accountSize.times(riskLimit),
      reachAllowed: true,
    });
  const perTrade = a.program.perTradeLoss;
  if (perTrade)
    rooms.push({
      rule: 'PER_TRADE_LOSS_LIMIT',
      room: perTradeLimitAmount(perTrade, a.program.accountSize),
      reachAllowed: true,
    });
  const daily = dailyLimitOf(i.rules.maxDailyLoss, a.program);
  if (daily !== null) {
    const { headroom } = dailyLossHeadroom(daily, a.state);
    rooms.push({ rule: 'DAILY_LOSS_LIMIT', room: headroom.minus(pending), reachAllowed: false });
  }
  const drawdown = drawdownHeadroom(a.program, a.state);
  if (drawdown !== null)
    rooms.push({ rule: 'MAX_LOSS_LIMIT', room: drawdown.headroom.minus(pending), reachAllowed: false });
  return rooms;
}

function fitted(requested: number, f: LargestFit): FittedEntry {
  const stopOut = f.perContract?.times(f.quantity) ?? null;
  const where = f.programId === null ? '' : ` of program ${f.programId}`;
  return {
    quantity: f.quantity,
    rule: f.cappedBy as string,
    reason:
      `Sized down from ${requested} to ${f.quantity} contract(s) to fit ${f.cappedBy}${where}` +
      (stopOut === null ? '' : `: a stop-out of ${stopOut.toString()}`),
    details: {
      capped_from: requested,
      approved_quantity: f.quantity,
      per_contract_worst_case: num(f.perContract),
      worst_case: num(stopOut),
      rooms: f.rooms,
      program_id: f.programId,
    },
  };
}

function belowMinimum(denial: RiskDenial, f: LargestFit, fit: SizeToFit): RiskDenial {
  return {
    rule: denial.rule,
    reason: `${denial.reason}; sized to fit, ${f.quantity} contract(s) would fit, below the minimum of ${fit.minQuantity}`,
    details: { ...denial.details, largest_fitting_quantity: f.quantity, min_quantity: fit.minQuantity },
  };
}

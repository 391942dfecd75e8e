import { FieldCheck, isJsonObject } from './field-check';
import { ConsistencyRule, NewsRule, parseConsistency, parseNews } from './program-conduct-rules';
import { validateLadder } from './program-limits';
import type { JsonObject } from './registry-records';

/**
 * The typed rules of a program (issue 16), kept in program `meta.rules`: each rule names its `source` (a URL
 * or a document) and `as_of` (when it was read), and may carry a `note` (what is uncertain about it). Every
 * write of a program validates them; the risk context reads them through ProgramCatalog.
 */
export const DRAWDOWN_KINDS = ['static', 'eod_trailing', 'intraday_trailing'] as const;
export const LOCK_KINDS = ['none', 'at_start', 'at_start_plus'] as const;
export const DAILY_LOSS_BASES = ['amount', 'percent_of_prior_eod'] as const;
export const PER_TRADE_BASES = ['amount', 'percent_of_account'] as const;
export const ENFORCEMENTS = ['hard', 'soft'] as const;

export interface RuleSource {
  source: string;
  as_of: string;
  note: string | null;
}

export interface DrawdownRule extends RuleSource {
  kind: (typeof DRAWDOWN_KINDS)[number];
  amount: number;
  /** Where a trailing floor stops: never (`none`), at the starting balance, or start + `amount`. */
  lock: { kind: (typeof LOCK_KINDS)[number]; amount: number | null };
}

export interface DailyLossRule extends RuleSource {
  basis: (typeof DAILY_LOSS_BASES)[number];
  /** `amount` basis: the loss in account currency. */
  amount: number | null;
  /** `percent_of_prior_eod` basis: a fraction (0.025 = 2.5 %) of the balance at the end of the prior trading day. */
  fraction: number | null;
  /** `hard`: a breach fails the account; `soft`: the firm flattens and pauses the day. Null: not stated. */
  enforcement: (typeof ENFORCEMENTS)[number] | null;
}

export interface PerTradeLossRule extends RuleSource {
  basis: (typeof PER_TRADE_BASES)[number];
  amount: number | null;
  /** `percent_of_account` basis: a fraction of the account size. */
  fraction: number | null;
}

/** One scaling tier: from `min_profit` of prior end-of-day balance over the starting balance up, `max_contracts` minis. */
export interface ScalingTierRule {
  min_profit: number;
  max_contracts: number;
}

export interface ContractsRule extends RuleSource {
  /** 1 mini = `micro_ratio` micros when the firm counts micros against its contract limit. */
  micro_ratio: number;
  /**
   * Contract limit tiers by balance, ascending: the tier the prior end-of-day balance reached holds for the whole
   * trading day (Topstep: "raises the limit only at end of day"); below the first tier, the first. Null: none.
   */
  scaling: ScalingTierRule[] | null;
}

export interface ProgramRules {
  drawdown: DrawdownRule | null;
  daily_loss: DailyLossRule | null;
  per_trade_loss: PerTradeLossRule | null;
  contracts: ContractsRule | null;
  consistency: (ConsistencyRule & RuleSource) | null;
  news: (NewsRule & RuleSource) | null;
}

export const NO_RULES: ProgramRules = Object.freeze({
  drawdown: null,
  daily_loss: null,
  per_trade_loss: null,
  contracts: null,
  consistency: null,
  news: null,
});

const MONEY = { places: 2, min: 0, aboveMin: true, max: 1e15 };
const FRACTION = { places: 6, min: 0, aboveMin: true, max: 1 };
const KNOWN = ['drawdown', 'daily_loss', 'per_trade_loss', 'contracts', 'consistency', 'news', 'notes'];

/** Every problem with `meta.rules`, as "meta.rules.x.y: message"; the parsed rules when there is none. */
export function parseProgramRules(
  raw: unknown,
  path = 'meta.rules',
): { rules: ProgramRules; problems: string[] } {
  if (raw === undefined || raw === null) return { rules: NO_RULES, problems: [] };
  if (!isJsonObject(raw)) return { rules: NO_RULES, problems: [`${path}: must be an object`] };
  const problems: string[] = [];
  const unknown = Object.keys(raw).filter((k) => !KNOWN.includes(k));
  if (unknown.length)
    problems.push(`${path}: unknown rule ${unknown.join(', ')} (known: ${KNOWN.join(', ')})`);
  const part = <T>(key: string, parse: (c: FieldCheck, o: JsonObject, prefix: string) => T): T | null => {
    const v = raw[key];
    if (v === undefined || v === null) return null;
    if (!isJsonObject(v)) {
      problems.push(`${path}.${key}: must be an object`);
      return null;
    }
    const c = new FieldCheck(v, `${path}.${key}.`);
    const value = parse(c, v, `${path}.${key}.`);
    problems.push(...c.problems);
    return c.problems.length ? null : value;
  };
  if (raw.notes !== undefined && raw.notes !== null && typeof raw.notes !== 'string')
    problems.push(`${path}.notes: must be a string`);
  const rules: ProgramRules = {
    drawdown: part('drawdown', parseDrawdown),
    daily_loss: part('daily_loss', parseDailyLoss),
    per_trade_loss: part('per_trade_loss', parsePerTrade),
    contracts: part('contracts', (c, o, prefix) => ({
      ...sourced(c),
      micro_ratio: c.int('micro_ratio', { min: 1, max: 1000, required: true }) as number,
      scaling: parseScaling(c, o.scaling, `${prefix}scaling`),
    })),
    consistency: part('consistency', (c, o) => ({ ...sourced(c), ...parseConsistency(c, o) })),
    news: part('news', (c, o) => ({ ...sourced(c), ...parseNews(c, o) })),
  };
  return { rules: problems.length ? NO_RULES : rules, problems };
}

/** Validated as a `scaling_ladder` is (ascending `min_profit`, whole `max_contracts` ≥ 1), and not empty. */
function parseScaling(c: FieldCheck, raw: unknown, path: string): ScalingTierRule[] | null {
  if (raw === undefined || raw === null) return null;
  const problems = validateLadder(raw, path);
  if (problems.length === 0 && (raw as unknown[]).length === 0) problems.push(`${path}: must have a tier`);
  c.problems.push(...problems);
  if (problems.length) return null;
  return (raw as ScalingTierRule[]).map((t) => ({
    min_profit: t.min_profit,
    max_contracts: t.max_contracts,
  }));
}

function sourced(c: FieldCheck): RuleSource {
  return {
    source: c.text('source', { max: 2048, required: true }) as string,
    as_of: c.text('as_of', { max: 255, required: true }) as string,
    note: c.text('note', { max: 10_000 }),
  };
}

function parseDrawdown(c: FieldCheck, o: JsonObject, prefix: string): DrawdownRule {
  const kind = c.oneOf('kind', DRAWDOWN_KINDS) as DrawdownRule['kind'];
  const amount = c.decimal('amount', { ...MONEY, required: true }) as number;
  let lock: DrawdownRule['lock'] = { kind: 'none', amount: null };
  if (o.lock !== undefined && o.lock !== null) {
    if (!isJsonObject(o.lock)) c.fail('lock', 'must be an object {kind, amount}');
    else {
      const l = new FieldCheck(o.lock, `${prefix}lock.`);
      const lockKind = l.oneOf('kind', LOCK_KINDS);
      const lockAmount = l.decimal('amount', { places: 2, min: 0, max: 1e15 });
      c.problems.push(...l.problems);
      if (lockKind === 'at_start_plus' && lockAmount === null)
        c.fail('lock.amount', 'is required for at_start_plus');
      if (lockKind !== 'at_start_plus' && lockAmount !== null)
        c.fail('lock.amount', 'is only for at_start_plus');
      if (lockKind !== null && lockKind !== 'none' && kind === 'static')
        c.fail('lock', 'a static drawdown does not trail, so it cannot lock');
      lock = { kind: lockKind ?? 'none', amount: lockAmount };
    }
  }
  return { ...sourced(c), kind, amount, lock };
}

function parseDailyLoss(c: FieldCheck): DailyLossRule {
  const basis = c.oneOf('basis', DAILY_LOSS_BASES) as DailyLossRule['basis'];
  const amount = c.decimal('amount', MONEY);
  const fraction = c.decimal('fraction', FRACTION);
  basisFields(c, basis, 'percent_of_prior_eod', amount, fraction);
  const enforcement = c.text('enforcement', { max: 8 });
  if (enforcement !== null && !ENFORCEMENTS.includes(enforcement as 'hard'))
    c.fail('enforcement', `must be one of ${ENFORCEMENTS.join(', ')} (absent: not stated)`);
  return { ...sourced(c), basis, amount, fraction, enforcement: enforcement as DailyLossRule['enforcement'] };
}

function parsePerTrade(c: FieldCheck): PerTradeLossRule {
  const basis = c.oneOf('basis', PER_TRADE_BASES) as PerTradeLossRule['basis'];
  const amount = c.decimal('amount', MONEY);
  const fraction = c.decimal('fraction', FRACTION);
  basisFields(c, basis, 'percent_of_account', amount, fraction);
  return { ...sourced(c), basis, amount, fraction };
}

/** `amount` basis needs `amount` and no `fraction`; the percent basis the other way round. */
function basisFields(
  c: FieldCheck,
  basis: string | null,
  percentBasis: string,
  amount: unknown,
  fraction: unknown,
) {
  if (basis === 'amount') {
    if (amount === null) c.fail('amount', 'is required for basis amount');
    if (fraction !== null) c.fail('fraction', 'is only for basis ' + percentBasis);
  } else if (basis === percentBasis) {
    if (fraction === null) c.fail('fraction', `is required for basis ${percentBasis}`);
    if (amount !== null) c.fail('amount', 'is only for basis amount');
  }
}

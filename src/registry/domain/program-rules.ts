import { FieldCheck, isJsonObject } from './field-check';
import { ConsistencyRule, NewsRule, parseConsistency, parseNews } from './program-conduct-rules';
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

export interface ContractsRule extends RuleSource {
  /** 1 mini = `micro_ratio` micros when the firm counts micros against its contract limit. */
  micro_ratio: number;
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
    contracts: part('contracts', (c) => ({
      ...sourced(c),
      micro_ratio: c.int('micro_ratio', { min: 1, max: 1000, required: true }) as number,
    })),
    consistency: part('consistency', (c, o) => ({ ...sourced(c), ...parseConsistency(c, o) })),
    news: part('news', (c, o) => ({ ...sourced(c), ...parseNews(c, o) })),
  };
  return { rules: problems.length ? NO_RULES : rules, problems };
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

/**
 * The rules must agree with the program's own columns and meta when both say something: the drawdown amount
 * with `max_total_loss`, its kind and lock with `meta.drawdown_type`, a fixed daily loss with `max_daily_loss`.
 */
export function crossCheckRules(
  rules: ProgramRules,
  program: {
    max_total_loss: number | null;
    max_daily_loss: number | null;
    profit_target?: number | null;
    meta: JsonObject;
  },
  path = 'meta.rules',
): string[] {
  const problems: string[] = [];
  const dd = rules.drawdown;
  if (dd && program.max_total_loss !== null && dd.amount !== program.max_total_loss)
    problems.push(
      `${path}.drawdown.amount: ${dd.amount} disagrees with max_total_loss ${program.max_total_loss}`,
    );
  const legacy = program.meta.drawdown_type;
  if (dd && typeof legacy === 'string') {
    const expected = dd.lock.kind === 'none' ? dd.kind : `${dd.kind}_until_lock`;
    if (legacy !== expected)
      problems.push(
        `${path}.drawdown: kind ${dd.kind} with lock ${dd.lock.kind} disagrees with meta.drawdown_type ${legacy}`,
      );
  }
  const dl = rules.daily_loss;
  if (dl?.basis === 'amount' && program.max_daily_loss !== null && dl.amount !== program.max_daily_loss)
    problems.push(
      `${path}.daily_loss.amount: ${dl.amount} disagrees with max_daily_loss ${program.max_daily_loss}`,
    );
  problems.push(...consistencyProblems(rules.consistency, program.profit_target ?? null, path));
  return problems;
}

/**
 * Rejecting entries sizes today's cap against the profit target (see the CONSISTENCY rule), which only an
 * evaluation has: a funded account's consistency rule is a payout condition (`payout_only`).
 */
function consistencyProblems(rule: ConsistencyRule | null, target: number | null, path: string): string[] {
  if (rule?.action !== 'reject_entries') return [];
  const problems: string[] = [];
  if (target === null)
    problems.push(`${path}.consistency.action: reject_entries needs the program's profit_target`);
  if (rule.applies_to.some((p) => p !== 'evaluation'))
    problems.push(
      `${path}.consistency.applies_to: reject_entries applies to the evaluation phase only (a funded account has no profit target to cap its day against): use payout_only`,
    );
  return problems;
}

import { ACCOUNT_PHASES, AccountPhase } from '../../shared-kernel/account-phase';
import type { FieldCheck } from './field-check';
import type { JsonObject } from './registry-records';

/**
 * The conduct rules of a program (issue 16) in `meta.rules`: the consistency rule (no trading day may hold more
 * than a share of the profit) and the news blackout. Both name the account phases they apply in, since firms
 * state them per phase (Alpha: 50 % on the evaluation, 40 % before each qualified payout; news only qualified).
 */
export const CONSISTENCY_BASES = ['total_profit', 'profit_target'] as const;
export const CONSISTENCY_ACTIONS = ['reject_entries', 'payout_only'] as const;
export const CONSISTENCY_BREACHES = ['more_days', 'payout_withheld', 'profits_voided', 'failure'] as const;
export const NEWS_IMPACTS = ['high', 'medium'] as const;

export interface PhaseScoped {
  /** The account phases the rule applies in (the Alpha "qualified" phase is `funded`). */
  applies_to: AccountPhase[];
}

export interface ConsistencyRule extends PhaseScoped {
  /** The largest share of the profit one trading day may hold: 0.4 = 40 %. */
  max_day_fraction: number;
  /**
   * `total_profit`: best day ≤ fraction × the total profit (most firms); `profit_target`: a day's profit ≤
   * fraction × the program's profit target (FundedNext Legacy).
   */
  basis: (typeof CONSISTENCY_BASES)[number];
  /**
   * What PropRouter does: `reject_entries` refuses new entries once today's profit reaches the cap (the risk
   * gate's CONSISTENCY rule); `payout_only` records the rule and checks nothing before the trade.
   */
  action: (typeof CONSISTENCY_ACTIONS)[number];
  /** What the firm does about a breach: trade more days, withhold the payout, void profits, fail. Null: not stated. */
  on_breach: (typeof CONSISTENCY_BREACHES)[number] | null;
}

export interface NewsRule extends PhaseScoped {
  minutes_before: number;
  minutes_after: number;
  /** The least impact that blacks out: `high` (red folder, tier 1), or `medium` and above. */
  impact: (typeof NEWS_IMPACTS)[number];
  /** Currencies whose events count (upper-case, e.g. USD); null: every imported event. */
  currencies: string[] | null;
}

const CURRENCY = /^[A-Z]{3}$/;

export function parseConsistency(c: FieldCheck, o: JsonObject): ConsistencyRule {
  const fraction = c.decimal('max_day_fraction', {
    places: 4,
    min: 0,
    aboveMin: true,
    max: 0.9999,
    required: true,
  }) as number;
  const basis = c.oneOf('basis', CONSISTENCY_BASES) as ConsistencyRule['basis'];
  const action = c.oneOf('action', CONSISTENCY_ACTIONS) as ConsistencyRule['action'];
  const onBreach = c.text('on_breach', { max: 32 });
  if (onBreach !== null && !CONSISTENCY_BREACHES.includes(onBreach as 'failure'))
    c.fail('on_breach', `must be one of ${CONSISTENCY_BREACHES.join(', ')} (absent: not stated)`);
  return {
    applies_to: phases(c, o),
    max_day_fraction: fraction,
    basis,
    action,
    on_breach: onBreach as ConsistencyRule['on_breach'],
  };
}

export function parseNews(c: FieldCheck, o: JsonObject): NewsRule {
  return {
    applies_to: phases(c, o),
    minutes_before: c.int('minutes_before', { min: 0, max: 1440, required: true }) as number,
    minutes_after: c.int('minutes_after', { min: 0, max: 1440, required: true }) as number,
    impact: c.oneOf('impact', NEWS_IMPACTS) as NewsRule['impact'],
    currencies: currencies(c, o.currencies),
  };
}

function phases(c: FieldCheck, o: JsonObject): AccountPhase[] {
  const v = o.applies_to;
  const ok =
    Array.isArray(v) &&
    v.length > 0 &&
    v.every((p) => ACCOUNT_PHASES.includes(p as AccountPhase)) &&
    new Set(v).size === v.length;
  if (!ok) {
    c.fail('applies_to', `must be a non-empty list of distinct phases among ${ACCOUNT_PHASES.join(', ')}`);
    return [];
  }
  return v as AccountPhase[];
}

function currencies(c: FieldCheck, v: unknown): string[] | null {
  if (v === undefined || v === null) return null;
  if (!Array.isArray(v) || v.length === 0 || !v.every((x) => typeof x === 'string' && CURRENCY.test(x))) {
    c.fail('currencies', 'must be a non-empty list of upper-case ISO currency codes, e.g. ["USD"]');
    return null;
  }
  return [...new Set(v as string[])];
}

/**
 * Rejecting entries sizes today's cap against the profit target (see the CONSISTENCY rule), which only an
 * evaluation has: a funded account's consistency rule is a payout condition (`payout_only`).
 */
export function consistencyProblems(
  rule: ConsistencyRule | null,
  target: number | null,
  path: string,
): string[] {
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
